-- The desired direction of an indicator where the report prints it: in the indicator's name
-- ('Öka …', 'Sänka …') or as the form of its target ('≥4,0' a floor, '≤5,5' a ceiling); seed
-- indicator_directions. One row per report, table and indicator that prints one.
with statistics as (
    select * from {{ ref('int_statistics') }}
    where table_kind = 'indicators'
),

directions as (
    select * from {{ ref('indicator_directions') }}
),

evidence as (
    select
        statistics.document_id,
        statistics.table_no,
        statistics.statistic_key,
        directions.desired_direction,
        case when regexp_matches(directions.pattern, '[0-9]') then 'target' else 'label' end as source
    from statistics
    inner join directions
        on regexp_matches(lower(trim(statistics.row_label)), directions.pattern)
        or (statistics.measure = 'target' and regexp_matches(lower(trim(statistics.raw_text)), directions.pattern))
),

final as (
    select
        document_id,
        table_no,
        statistic_key,
        min(desired_direction) as desired_direction,
        string_agg(distinct source, ', ') as direction_source
    from evidence
    group by document_id, table_no, statistic_key
    having count(distinct desired_direction) = 1
)

select * from final
