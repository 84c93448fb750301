{% test primary_key(model, column_name) %}
{#- The column is a key: never null, no value twice. dbt's `unique` and `not_null` in one query
    (one node of a build instead of two: each node costs dbt time of its own). -#}
with keys as (
    select {{ column_name }} as key_value, count(*) as n_rows
    from {{ model }}
    group by {{ column_name }}
)

select * from keys where key_value is null or n_rows > 1
{% endtest %}
