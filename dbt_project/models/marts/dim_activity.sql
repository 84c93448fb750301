-- Activities ('verksamhet' codes) of the operating statements. A code is an activity only in a
-- money table, and a day and month ('31 mars') is a date, not a code and a name.
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where activity_code is not null
        and table_kind in ('operating_statement', 'key_figures')
),

months as (
    select word from {{ ref('column_vocabulary') }} where kind = 'month'
),

final as (
    select
        activity_code as activity_key,
        arg_max(activity_name, line_no) as activity_name,
        string_split(replace(activity_code, '*', ''), '/') as codes
    from cells
    where lower(trim(activity_name)) not in (select word from months)
    group by activity_code
)

select * from final
