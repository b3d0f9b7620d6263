-- What X said about Y
--
-- The statements of one speaker whose content mentions a given entity (person, organization,
-- country or place), through statement_targets. Both names match canonical names or aliases.
--
-- Parameters:
--   :speaker  the speaker, as in v_statements.speaker_name or entity_aliases.alias
--             (empty: the most-quoted person in the database)
--   :target   the entity talked about, as in entities.canonical_name or entity_aliases.alias
--             (empty: the entity this speaker talks about most)
WITH who AS (
    SELECT COALESCE(NULLIF(:speaker, ''), (
        SELECT speaker_entity_name FROM v_statements
        WHERE speaker_kind = 'person'
        GROUP BY speaker_entity_name
        ORDER BY count(*) DESC, speaker_entity_name
        LIMIT 1
    )) AS name
),
said AS (
    SELECT s.statement_id, s.published, s.outlet, COALESCE(s.speaker_entity_name, s.speaker_name) AS speaker_name, s.cue, s.is_direct, s.content,
           s.source_uri, s.start_char
    FROM v_statements s
    CROSS JOIN who
    WHERE s.speaker_entity_name = who.name OR s.speaker_name = who.name
       OR s.speaker_entity_id IN (SELECT entity_id FROM entity_aliases WHERE alias = who.name)
),
about AS (
    SELECT COALESCE(NULLIF(:target, ''), (
        SELECT e.canonical_name
        FROM said
        JOIN statement_targets t ON t.statement_id = said.statement_id
        JOIN entities e ON e.id = t.entity_id
        WHERE e.canonical_name <> said.speaker_name
        GROUP BY e.canonical_name
        ORDER BY count(*) DESC, e.canonical_name
        LIMIT 1
    )) AS name
)
SELECT said.published, said.outlet, said.speaker_name, e.canonical_name AS about, e.kind AS about_kind,
       said.cue, said.is_direct, said.content, said.source_uri, said.statement_id
FROM said
JOIN statement_targets t ON t.statement_id = said.statement_id
JOIN entities e ON e.id = t.entity_id
CROSS JOIN about
WHERE e.canonical_name = about.name
   OR e.id IN (SELECT entity_id FROM entity_aliases WHERE alias = about.name)
ORDER BY said.published DESC, said.source_uri, said.start_char
