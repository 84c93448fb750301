{% macro organisation_match_key(label) -%}
{#- The form an organisation's name is matched in: lower case, one space between words, '&' as
    'och', no 'varav'/dash bullet, footnote stars or ', nettokostnader' suffix. 'Verksamhetsområde
    Medborgare' and 'Verksamhetsområde  medborgare' meet on one key. -#}
trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    lower({{ label }}),
    '^\s*[-–−•]?\s*(varav\s+)?', '', 'g'),
    '[*]+', '', 'g'),
    '\s*&\s*', ' och ', 'g'),
    '-\s+och\s', ' och ', 'g'),
    ',\s*nettokostnader$', '', 'g'),
    '\s+', ' ', 'g'))
{%- endmacro %}
