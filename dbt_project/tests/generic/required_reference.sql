{% test required_reference(model, column_name, to, field) %}
{#- Every row names a row of `to`: never null, always a `field` of `to`. dbt's `not_null` and
    `relationships` in one query (one node of a build instead of two). -#}
with parent as (
    select {{ field }} as key_value from {{ to }}
)

select child.{{ column_name }} as key_value
from {{ model }} as child
where child.{{ column_name }} is null
    or not exists (select 1 from parent where parent.key_value = child.{{ column_name }})
{% endtest %}
