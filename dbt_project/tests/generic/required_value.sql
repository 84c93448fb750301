{% test required_value(model, column_name, values) %}
{#- Every row has one of `values`: never null. dbt's `not_null` and `accepted_values` in one
    query (one node of a build instead of two). -#}
select {{ column_name }} as value_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is null
    or {{ column_name }} not in ({% for value in values %}'{{ value }}'{{ ", " if not loop.last }}{% endfor %})
group by {{ column_name }}
{% endtest %}
