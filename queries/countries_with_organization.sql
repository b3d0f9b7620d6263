-- Countries co-mentioned with an organization
--
-- The countries mentioned in the same articles as one organization, by number of shared articles:
-- a rough map of where an organization is talked about.
--
-- Parameters:
--   :organization  the organization, as in entities.canonical_name or entity_aliases.alias
--                  (empty: the organization mentioned in the most articles)
WITH chosen AS (
    SELECT COALESCE(NULLIF(:organization, ''), (
        SELECT entity_name FROM v_mentions
        WHERE entity_kind = 'organization'
        GROUP BY entity_name
        ORDER BY count(DISTINCT article_id) DESC, entity_name
        LIMIT 1
    )) AS name
),
org_articles AS (
    SELECT DISTINCT m.article_id
    FROM v_mentions m
    CROSS JOIN chosen
    WHERE m.entity_kind = 'organization'
      AND (m.entity_name = chosen.name OR m.canonical_name = chosen.name
           OR m.entity_id IN (SELECT entity_id FROM entity_aliases WHERE alias = chosen.name))
)
SELECT (SELECT name FROM chosen) AS organization, c.country_code, k.name_ar, k.name_en,
       count(DISTINCT c.article_id) AS articles, count(*) AS mentions
FROM v_mentions c
JOIN org_articles o ON o.article_id = c.article_id
JOIN countries k ON k.alpha2 = c.country_code
WHERE c.entity_kind = 'country'
GROUP BY c.country_code, k.name_ar, k.name_en
ORDER BY articles DESC, mentions DESC, c.country_code
