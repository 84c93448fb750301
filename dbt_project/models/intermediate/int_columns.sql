-- One row per value column of a table: the measure its header names and the period it covers:
-- the year to date through a month, the full year, or (a table of months side by side) one
-- month's own figure.
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with cells as (
    select * from {{ ref('stg_raw__cells') }}
    {% if is_incremental() %}
    where document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

vocabulary as (
    select * from {{ ref('column_vocabulary') }}
),

report_kinds as (
    select * from {{ ref('report_kinds') }}
),

tables as (
    select document_id, table_no, table_kind from {{ ref('stg_raw__tables') }}
),

columns as (
    select distinct document_id, table_no, col_no, column_header
    from cells
),

words as (
    select
        document_id,
        table_no,
        col_no,
        unnest(string_split(trim(regexp_replace(lower(coalesce(column_header, '')), '[^a-zåäö0-9.]+', ' ', 'g')), ' ')) as word,
        generate_subscripts(string_split(trim(regexp_replace(lower(coalesce(column_header, '')), '[^a-zåäö0-9.]+', ' ', 'g')), ' '), 1) as position
    from columns
),

matched as (
    select
        words.*,
        vocabulary.kind,
        vocabulary.value
    from words
    inner join vocabulary
        on words.word = vocabulary.word
        or (
            starts_with(words.word, vocabulary.word)
            and vocabulary.kind in ('measure', 'prefix')
            and substr(words.word, length(vocabulary.word) + 1) in ('en', 'et', 'er', 'ar', 'na', 'n', 't', 's', 'e', 'ad', 'ade', 'at')
        )
),

month_columns as (
    -- a column named by a month alone ('Jan', 'Augusti 2025'): its words are one month and
    -- years at most
    select words.document_id, words.table_no, words.col_no
    from words
    left join matched
        on matched.document_id = words.document_id
        and matched.table_no = words.table_no
        and matched.col_no = words.col_no
        and matched.position = words.position
        and matched.kind = 'month'
    group by words.document_id, words.table_no, words.col_no
    having count(matched.kind) = 1
        and count(*) filter (where words.word <> '') = 1 + count(*) filter (where regexp_matches(words.word, '^(19|20)[0-9]{2}$'))
),

month_tables as (
    -- a table with three such columns or more prints each month's own figure ('Jan  Feb  Mar
    -- …'), not the year to date through it
    select document_id, table_no
    from month_columns
    group by document_id, table_no
    having count(*) >= 3
),

per_column as (
    select
        document_id,
        table_no,
        col_no,
        arg_min(value, position) filter (where kind in ('measure', 'prefix')) as measure,
        arg_max(value, position) filter (where kind in ('measure', 'flow') and value in ('expenditure', 'income', 'net')) as flow,
        max(try_cast(value as integer)) filter (where kind = 'month') as month_named,
        bool_or(kind = 'period' and value = 'full_year') as says_full_year,
        bool_or(kind = 'period' and value = 'previous_year') as says_previous_year
    from matched
    group by document_id, table_no, col_no
),

with_year as (
    select
        columns.document_id,
        columns.table_no,
        columns.col_no,
        columns.column_header,
        case
            -- in an operating statement a net column ('Nettokostnad', 'Netto') is the net cost,
            -- as a column of costs or revenues is the gross: a figure of the period (outcome,
            -- or plan for a later year), measured as a column that names no measure
            when per_column.measure = 'net' and tables.table_kind = 'operating_statement' then null
            else per_column.measure
        end as measure,
        per_column.flow,
        per_column.month_named,
        coalesce(per_column.says_full_year, false) as says_full_year,
        coalesce(per_column.says_previous_year, false) as says_previous_year,
        try_cast(nullif(regexp_extract(columns.column_header, '(19|20)[0-9]{2}', 0), '') as integer) as year_named
    from columns
    left join per_column
        on columns.document_id = per_column.document_id
        and columns.table_no = per_column.table_no
        and columns.col_no = per_column.col_no
    left join tables
        on columns.document_id = tables.document_id
        and columns.table_no = tables.table_no
),

-- a column that names no year or month (e.g. 'Avvikelse') covers the period of the nearest
-- column to its left that does
inherited as (
    select
        *,
        last_value(year_named ignore nulls) over w as year_left,
        last_value(month_named ignore nulls) over w as month_left,
        last_value(case when says_full_year then 12 end ignore nulls) over w as full_year_left
    from with_year
    window w as (
        partition by document_id, table_no order by col_no
        rows between unbounded preceding and 1 preceding
    )
),

final as (
    select
        inherited.document_id,
        inherited.table_no,
        inherited.col_no,
        inherited.column_header,
        month_columns.col_no is not null and month_tables.table_no is not null as is_month,
        case
            -- a deviation measured against another report ('Avvikelse prognos helår,
            -- delårsrapport mars') is the change of the forecast since that report
            when inherited.measure = 'deviation' and exists (
                select 1 from report_kinds
                where contains(lower(inherited.column_header), report_kinds.keyword)
            ) then 'forecast_change'
            when inherited.measure is not null then inherited.measure
            when inherited.year_named > documents.fiscal_year then 'plan'
            else 'actual'
        end as measure,
        inherited.flow,
        case
            -- a total over the years ('Total utgift' after the plan years) is no year's figure:
            -- it is the report's, as of its own year
            when inherited.measure = 'total' and inherited.year_named is null then documents.fiscal_year
            when inherited.says_previous_year then documents.fiscal_year - 1
            when inherited.year_named is not null then inherited.year_named
            when inherited.year_left is not null and inherited.month_named is null and not inherited.says_full_year
                then inherited.year_left
            else documents.fiscal_year
        end as fiscal_year,
        case
            when inherited.says_full_year then 12
            when inherited.month_named is not null then inherited.month_named
            when inherited.says_previous_year then documents.period_end_month
            when inherited.year_named is not null then
                case
                    when inherited.year_named >= documents.fiscal_year
                        and inherited.measure in ('actual')
                        then documents.period_end_month
                    when inherited.year_named = documents.fiscal_year and inherited.measure is null
                        then documents.period_end_month
                    else 12
                end
            when inherited.measure in ('deviation', 'actual') or inherited.measure is null
                then coalesce(inherited.full_year_left, inherited.month_left, 12)
            else 12
        end as through_month
    from inherited
    inner join documents on inherited.document_id = documents.document_id
    left join month_columns
        on month_columns.document_id = inherited.document_id
        and month_columns.table_no = inherited.table_no
        and month_columns.col_no = inherited.col_no
    left join month_tables
        on month_tables.document_id = inherited.document_id
        and month_tables.table_no = inherited.table_no
)

select
    * exclude (is_month),
    case
        when is_month then 'month'
        when through_month = 12 then 'full_year'
        else 'year_to_date'
    end as period_kind,
    fiscal_year::varchar || case
        when is_month then '-' || lpad(through_month::varchar, 2, '0')
        when through_month = 12 then '-FY'
        else '-M' || lpad(through_month::varchar, 2, '0')
    end as period_key
from final
