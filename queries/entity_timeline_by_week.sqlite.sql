-- Entity timeline by week (SQLite)
--
-- How often one entity is mentioned per publication week (weeks start on Monday): the number of
-- articles and of mentions. Articles without a publication date are left out. Week arithmetic has
-- no common SQL spelling, so this query has a PostgreSQL twin (entity_timeline_by_week.postgresql.sql)
-- that returns the same columns; `etl query --file queries/entity_timeline_by_week.sql` picks the
-- one for the database.
--
-- Parameters:
--   :entity  the entity, as in entities.canonical_name or entity_aliases.alias
--            (empty: the entity mentioned in the most articles)
WITH chosen AS (
    SELECT COALESCE(NULLIF(:entity, ''), (
        SELECT entity_name FROM v_mentions
        GROUP BY entity_name
        ORDER BY count(DISTINCT article_id) DESC, entity_name
        LIMIT 1
    )) AS name
)
SELECT date(a.published, 'weekday 0', '-6 days') AS week_start,
       (SELECT name FROM chosen) AS entity,
       count(DISTINCT m.article_id) AS articles,
       count(*) AS mentions
FROM v_mentions m
JOIN articles a ON a.id = m.article_id
CROSS JOIN chosen
WHERE a.published IS NOT NULL
  AND (m.entity_name = chosen.name OR m.canonical_name = chosen.name
       OR m.entity_id IN (SELECT entity_id FROM entity_aliases WHERE alias = chosen.name))
GROUP BY date(a.published, 'weekday 0', '-6 days')
ORDER BY week_start
