with cells as (
    select * from {{ ref('int_cells_classified') }}
    where activity_code is not null
),

final as (
    select
        activity_code as activity_key,
        arg_max(activity_name, line_no) as activity_name,
        string_split(replace(activity_code, '*', ''), '/') as codes
    from cells
    group by activity_code
)

select * from final
