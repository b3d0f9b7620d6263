-- Most-mentioned entities
--
-- Entities by the number of articles that mention them, with their mention count and, for
-- countries, the ISO 3166 code.
--
-- Parameters:
--   :kind  person, organization, country or location (empty: all kinds)
SELECT entity_kind, entity_name AS canonical_name, country_code, count(DISTINCT article_id) AS articles,
       count(*) AS mentions
FROM v_mentions
WHERE entity_kind = COALESCE(NULLIF(:kind, ''), entity_kind)
GROUP BY entity_kind, entity_id, entity_name, country_code
ORDER BY articles DESC, mentions DESC, entity_name
LIMIT 50
