-- Personnel, volume and indicator cells with a statistic key: a known statistic (seed
-- statistic_aliases) or, for a row the seed does not know, its normalised label. Rows that
-- split the row above are not statistics of their own:
--   * 'Män' / 'Kvinnor' (seed gender_labels) are the gender split of the statistic above;
--   * in indicator tables, a row with no label, a dash-bulleted row ('-Små'), a one-word row
--     ('Berga') or a date ('31 mars') is a breakdown of the indicator above it.
-- A year printed in a row's text ('Genomförs ej 2023') is never its value: a bare year among
-- a row of small numbers keeps its text and gets no value.
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind in ('personnel', 'volumes', 'indicators')
    {% if is_incremental() %}
    and document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

aliases as (
    select * from {{ ref('statistic_aliases') }}
),

genders as (
    select * from {{ ref('gender_labels') }}
),

vocabulary as (
    select * from {{ ref('column_vocabulary') }}
    where kind = 'month'
),

tables as (
    select * from {{ ref('int_table_units') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

printed_rows as (
    select
        document_id,
        table_no,
        row_no,
        any_value(table_kind) as table_kind,
        any_value(row_label) as row_label,
        trim(lower(coalesce(any_value(row_label), ''))) as bare_label
    from cells
    group by document_id, table_no, row_no
),

row_kinds as (
    select
        printed_rows.*,
        genders.gender,
        case
            when genders.gender is not null then 'gender'
            when printed_rows.table_kind <> 'indicators' then 'statistic'
            when printed_rows.bare_label = '' then 'breakdown'
            when regexp_matches(printed_rows.bare_label, '^[-–−•]\s*\S') then 'breakdown'
            when regexp_matches(printed_rows.bare_label, '^[a-zåäö]+$') then 'breakdown'
            when regexp_matches(printed_rows.bare_label, '^[0-9]{1,2}\s+([a-zåäö]+)$')
                and regexp_extract(printed_rows.bare_label, '^[0-9]{1,2}\s+([a-zåäö]+)$', 1) in (select word from vocabulary)
                then 'breakdown'
            else 'statistic'
        end as row_kind
    from printed_rows
    left join genders on genders.label = regexp_replace(printed_rows.bare_label, '[*:]+$', '')
),

with_parent as (
    -- the statistic a gender or breakdown row splits: the nearest statistic row above it
    select
        row_kinds.*,
        max(case when row_kind = 'statistic' then row_no end) over (
            partition by document_id, table_no order by row_no
            rows between unbounded preceding and 1 preceding
        ) as parent_row_no
    from row_kinds
),

label_keys as (
    -- a label's key, worked out once per distinct label
    select
        labels.bare_label,
        coalesce(
            (
                select arg_min(aliases.statistic_key, length(aliases.pattern))
                from aliases
                where regexp_matches(labels.bare_label, aliases.pattern)
            ),
            trim(regexp_replace(labels.bare_label, '[^a-zåäö0-9%]+', '_', 'g'), '_')
        ) as own_key
    from (select distinct bare_label from with_parent) as labels
),

keyed_rows as (
    select
        with_parent.*,
        label_keys.own_key
    from with_parent
    inner join label_keys on label_keys.bare_label = with_parent.bare_label
),

resolved_rows as (
    select
        child.document_id,
        child.table_no,
        child.row_no,
        child.row_kind,
        child.gender,
        case
            when child.row_kind = 'breakdown' and child.bare_label <> ''
                then trim(regexp_replace(child.row_label, '^\s*[-–−•]\s*', ''))
        end as breakdown,
        case
            when child.row_kind = 'statistic' or parent.row_no is null then nullif(child.own_key, '')
            else parent.own_key
        end as statistic_key,
        parent.row_label as parent_label
    from keyed_rows as child
    left join keyed_rows as parent
        on parent.document_id = child.document_id
        and parent.table_no = child.table_no
        and parent.row_no = child.parent_row_no
),

large_values as (
    -- per cell: how many values of its row are 1 000 or more
    select
        document_id,
        table_no,
        row_no,
        col_no,
        value,
        raw_text,
        count_if(abs(value) >= 1000) over (partition by document_id, table_no, row_no) as large_in_row
    from cells
),

year_values as (
    -- a bare year (a four-digit number near the report's year, printed without decimals) in a
    -- row whose other values are all small is text ('Genomförs ej 2023'), not a value
    select large_values.document_id, large_values.table_no, large_values.row_no, large_values.col_no
    from large_values
    inner join documents on documents.document_id = large_values.document_id
    where regexp_matches(trim(large_values.raw_text), '^(19|20)[0-9]{2}$')
        and abs(large_values.value - documents.fiscal_year) <= 10
        -- the year itself is 1 000 or more: no other value of its row may be
        and large_values.large_in_row = 1
),

final as (
    select
        cells.* replace (
            case when year_values.row_no is not null then null else cells.value end as value
        ),
        year_values.row_no is not null as value_is_year_text,
        coalesce(resolved_rows.statistic_key, 'unlabelled') as statistic_key,
        resolved_rows.row_kind,
        resolved_rows.gender,
        resolved_rows.breakdown,
        tables.section_organisation
    from cells
    inner join tables
        on tables.document_id = cells.document_id and tables.table_no = cells.table_no
    inner join resolved_rows
        on resolved_rows.document_id = cells.document_id
        and resolved_rows.table_no = cells.table_no
        and resolved_rows.row_no = cells.row_no
    left join year_values
        on year_values.document_id = cells.document_id
        and year_values.table_no = cells.table_no
        and year_values.row_no = cells.row_no
        and year_values.col_no = cells.col_no
)

select * from final
