-- The desired direction of an indicator where the report prints it: in the indicator's name
-- ('Öka …', 'Sänka …') or as the form of its target ('≥4,0' a floor, '≤5,5' a ceiling); seed
-- indicator_directions. One row per report, table and indicator that prints one.
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with statistics as (
    select * from {{ ref('int_statistics') }}
    where table_kind = 'indicators'
    {% if is_incremental() %}
    and document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

directions as (
    select * from {{ ref('indicator_directions') }}
),

-- the patterns are tried once per distinct label and target text, not once per printed cell
labels as (
    select distinct lower(trim(row_label)) as bare_text
    from statistics
),

target_texts as (
    select distinct lower(trim(raw_text)) as bare_text
    from statistics
    where measure = 'target'
),

label_directions as (
    select labels.bare_text, directions.desired_direction, directions.pattern
    from labels
    inner join directions on regexp_matches(labels.bare_text, directions.pattern)
),

target_directions as (
    select target_texts.bare_text, directions.desired_direction, directions.pattern
    from target_texts
    inner join directions on regexp_matches(target_texts.bare_text, directions.pattern)
),

matches as (
    select statistics.document_id, statistics.table_no, statistics.statistic_key,
           label_directions.desired_direction, label_directions.pattern
    from statistics
    inner join label_directions on label_directions.bare_text = lower(trim(statistics.row_label))
    union all
    select statistics.document_id, statistics.table_no, statistics.statistic_key,
           target_directions.desired_direction, target_directions.pattern
    from statistics
    inner join target_directions on target_directions.bare_text = lower(trim(statistics.raw_text))
    where statistics.measure = 'target'
),

evidence as (
    select
        document_id,
        table_no,
        statistic_key,
        desired_direction,
        case when regexp_matches(pattern, '[0-9]') then 'target' else 'label' end as source
    from matches
),

final as (
    select
        document_id,
        table_no,
        statistic_key,
        min(desired_direction) as desired_direction,
        string_agg(distinct source, ', ' order by source) as direction_source
    from evidence
    group by document_id, table_no, statistic_key
    having count(distinct desired_direction) = 1
)

select * from final
