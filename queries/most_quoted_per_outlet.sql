-- Most-quoted speakers per outlet
--
-- For each outlet, the named speakers (persons and organizations) with the most statements, and
-- how many of those were direct quotations. Articles without an outlet are grouped as '(unknown)'.
--
-- Parameters:
--   :top  how many speakers to list per outlet (empty: 5)
WITH counted AS (
    SELECT COALESCE(outlet, '(unknown)') AS outlet, COALESCE(speaker_entity_name, speaker_name) AS speaker_name,
           speaker_kind,
           count(*) AS statements,
           sum(CASE WHEN is_direct THEN 1 ELSE 0 END) AS direct_quotes,
           count(DISTINCT article_id) AS articles
    FROM v_statements
    WHERE speaker_kind IN ('person', 'organization')
    GROUP BY COALESCE(outlet, '(unknown)'), COALESCE(speaker_entity_name, speaker_name), speaker_kind
),
ranked AS (
    SELECT counted.*,
           row_number() OVER (PARTITION BY outlet ORDER BY statements DESC, speaker_name) AS rank
    FROM counted
)
SELECT outlet, rank, speaker_name, speaker_kind, statements, direct_quotes, articles
FROM ranked
WHERE rank <= COALESCE(CAST(NULLIF(:top, '') AS INTEGER), 5)
ORDER BY outlet, rank
