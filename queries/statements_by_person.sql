-- Statements by a person
--
-- Every statement attributed to one speaker, newest first: when and where it was published, the
-- reporting verb (cue), whether it is a direct quotation, and what was said. The speaker is matched
-- by canonical name or by any alias the pipeline has seen (a short form like a surname works).
--
-- Parameters:
--   :person  the speaker, as in v_statements.speaker_name or entity_aliases.alias
--            (empty: the most-quoted person in the database)
WITH chosen AS (
    SELECT COALESCE(NULLIF(:person, ''), (
        SELECT speaker_entity_name FROM v_statements
        WHERE speaker_kind = 'person'
        GROUP BY speaker_entity_name
        ORDER BY count(*) DESC, speaker_entity_name
        LIMIT 1
    )) AS name
)
SELECT s.published, s.outlet, COALESCE(s.speaker_entity_name, s.speaker_name) AS speaker_name, s.cue, s.is_direct, s.content, s.source_uri,
       s.statement_id
FROM v_statements s
CROSS JOIN chosen
WHERE s.speaker_entity_name = chosen.name OR s.speaker_name = chosen.name
   OR s.speaker_entity_id IN (SELECT entity_id FROM entity_aliases WHERE alias = chosen.name)
ORDER BY s.published DESC, s.source_uri, s.start_char
