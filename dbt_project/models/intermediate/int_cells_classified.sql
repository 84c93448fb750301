-- Every value cell with what it means: table kind and unit, column measure and period,
-- the organisation or activity of its row, the line item, and its amount in SEK.
-- Incremental: each document's rows depend on that document alone (and the seeds), so a run
-- builds the documents its extraction loaded and keeps the others' (int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with cells as (
    select * from {{ ref('stg_raw__cells') }}
    {% if is_incremental() %}
    where document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

with_precision as (
    -- a zero printed bare ('0') among numbers that print decimals is an exact zero written
    -- without its decimals: it takes the precision of the numbers around it (the finer of its
    -- column's and its table's usual precision), not ±0.5. Within one document, after the
    -- filter above: a window over every report's cells would be paid by every run
    select
        *,
        case
            when value = 0 and decimals = 0
                then greatest(
                    coalesce(max(decimals) filter (where value <> 0) over (partition by document_id, table_no, col_no), 0),
                    coalesce(mode(decimals) filter (where value <> 0) over (partition by document_id, table_no), 0)
                )
            else decimals
        end as precision_decimals
    from cells
),

precise as (
    select
        * exclude (precision_decimals),
        -- half a unit of the last printed digit: the rounding interval of the value
        case when value is not null then 0.5 * pow(10, -precision_decimals) end as half_ulp,
        -- a share: a percentage printed, or a value in a column whose name says it holds them
        -- ('Avvikelse %'); shares do not add up as amounts do, and are no amounts. Per cell: a
        -- key figures column prints amounts and percentages in rows of their own
        is_percent or coalesce(regexp_matches(column_header, '%|\bprocent\b', 'i'), false) as is_share
    from with_precision
),

tables as (
    select * from {{ ref('int_table_units') }}
),

columns as (
    select * from {{ ref('int_columns') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

line_items as (
    select * from {{ ref('line_items') }}
),

aliases as (
    select * from {{ ref('organisation_aliases') }}
),

labelled as (
    select
        precise.*,
        -- 'varav'-rows belong to the last item or total row above them
        regexp_extract(precise.row_label, '^([0-9]+[0-9/]*\*?)\s+(.+)$', 1) as activity_code,
        regexp_extract(precise.row_label, '^([0-9]+[0-9/]*\*?)\s+(.+)$', 2) as activity_name
    from precise
),

row_owner as (
    -- the label of the row that an of-which row is part of: the nearest row above that
    -- is an item or a total (or the heading it sits under)
    select
        labelled.*,
        coalesce(
            labelled.parent_heading,
            last_value(case when labelled.row_role in ('item', 'total') then labelled.row_label end ignore nulls) over (
                partition by labelled.document_id, labelled.table_no, labelled.col_no
                order by labelled.row_no
                rows between unbounded preceding and 1 preceding
            )
        ) as owner_label,
        last_value(case when labelled.row_role in ('item', 'total') then labelled.row_role end ignore nulls) over (
            partition by labelled.document_id, labelled.table_no, labelled.col_no
            order by labelled.row_no
            rows between unbounded preceding and 1 preceding
        ) as owner_role
    from labelled
),

label_items as (
    -- the line-item patterns, tried once per distinct label (the shortest match wins)
    select
        labels.lower_label,
        (
            select arg_min(line_items.line_item, length(line_items.pattern))
            from line_items
            where regexp_matches(labels.lower_label, line_items.pattern)
        ) as matched_line_item
    from (select distinct lower(row_label) as lower_label from row_owner) as labels
),

with_item as (
    select
        row_owner.*,
        label_items.matched_line_item
    from row_owner
    left join label_items on label_items.lower_label = lower(row_owner.row_label)
),

organised as (
    select
        with_item.*,
        case
            when with_item.row_role = 'of_which' and with_item.parent_heading is null then with_item.owner_label
            else with_item.row_label
        end as unit_label
    from with_item
),

normalised as (
    select
        organised.*,
        trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
            lower(organised.unit_label),
            '^[-–]?\s*varav\s+', '', 'g'),
            '[*]+', '', 'g'),
            '\s*&\s*', ' och ', 'g'),
            '-\s+och\s', ' och ', 'g'),
            ',\s*nettokostnader$', '', 'g')) as unit_key_raw
    from organised
),

final as (
    select
        normalised.document_id,
        documents.source_file,
        normalised.table_no,
        normalised.row_no,
        normalised.col_no,
        normalised.line_no,
        normalised.page_no,
        normalised.label_line_no,
        normalised.row_label,
        normalised.row_role,
        normalised.parent_heading,
        normalised.column_header,
        normalised.raw_text,
        normalised.value,
        normalised.decimals,
        normalised.half_ulp,
        normalised.is_percent,
        normalised.is_share,
        normalised.footnote,
        normalised.placement,
        tables.table_kind,
        tables.caption,
        tables.resolved_unit as unit,
        tables.unit_inferred,
        columns.measure,
        columns.flow,
        columns.fiscal_year,
        columns.through_month,
        columns.period_kind,
        columns.period_key,
        nullif(normalised.activity_code, '') as activity_code,
        nullif(normalised.activity_name, '') as activity_name,
        case
            -- a total row, or a key figure, is the publishing organisation's own figure
            when normalised.row_role = 'total'
                or (normalised.row_role = 'of_which' and normalised.owner_role = 'total' and normalised.parent_heading is null)
                or tables.table_kind not in ('operating_statement', 'investments')
                then coalesce(tables.section_organisation, documents.organisation)
            when nullif(normalised.activity_code, '') is not null then null
            else coalesce(aliases.organisation, regexp_replace(normalised.unit_label, '[*]+$', ''))
        end as organisation,
        coalesce(
            normalised.matched_line_item,
            case
                when tables.table_kind = 'investments' then 'net_investment'
                when tables.table_kind = 'operating_statement' then 'net_cost'
            end
        ) as line_item,
        case
            when normalised.value is not null and not normalised.is_share and tables.sek_per_unit is not null
                then normalised.value * tables.sek_per_unit
        end as amount_sek
    from normalised
    inner join documents on normalised.document_id = documents.document_id
    inner join tables
        on normalised.document_id = tables.document_id
        and normalised.table_no = tables.table_no
    left join columns
        on normalised.document_id = columns.document_id
        and normalised.table_no = columns.table_no
        and normalised.col_no = columns.col_no
    left join aliases on normalised.unit_key_raw = aliases.alias
)

select * from final
