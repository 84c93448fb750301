-- Statistics reported in personnel, volume and indicator tables, one row per key.
with statistics as (
    select * from {{ ref('int_statistics') }}
),

directions as (
    select * from {{ ref('int_indicator_directions') }}
),

aliases as (
    select distinct statistic_key, statistic_name, unit from {{ ref('statistic_aliases') }}
),

final as (
    select
        statistics.statistic_key as indicator_key,
        coalesce(any_value(aliases.statistic_name), arg_min(statistics.row_label, statistics.line_no)) as indicator_name,
        any_value(aliases.unit) as unit,
        string_agg(distinct statistics.table_kind, ', ' order by statistics.table_kind) as table_kinds,
        count(*) as n_values,
        (
            select case when count(distinct directions.desired_direction) = 1 then min(directions.desired_direction) end
            from directions where directions.statistic_key = statistics.statistic_key
        ) as desired_direction
    from statistics
    left join aliases on aliases.statistic_key = statistics.statistic_key
    group by statistics.statistic_key
)

select * from final
