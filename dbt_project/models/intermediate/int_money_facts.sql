-- Every printed cell of a money table with its row's classification and organisation, its
-- sign convention, its amount in the net-cost convention (net_cost_sek), its audit status and
-- whether it is the preferred fact of its key.
--
-- net_cost_sek: costs and deficits positive, revenues and surpluses negative. A net-cost row
-- keeps its sign, a result row changes it, a gross revenue (varav intäkter / inkomster,
-- verksamhetens intäkter) or an investment income is negative, a gross cost positive, whatever
-- sign the table prints them with; deviations (and changes of forecast)
-- keep their printed sign, which means "favourable" in both conventions.
--
-- Preferred rule: among the rows of one key (report, organisation, activity, line item, part,
-- measure, period; investments add the object and flow), prefer a value the audit passed, then
-- an unchecked one, then a suspect one (the one the fewest failing identities involve); then a total (the unit's own statement, whose parts are
-- printed) over an item of another table; then a statement over a key-figure box; then the
-- finer printed precision; then the first printed. is_preferred_across_reports picks one of the
-- reports' preferred rows for an outcome printed in several reports.
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind in ('operating_statement', 'key_figures', 'investments')
),

money_rows as (
    select * from {{ ref('int_money_rows') }}
),

conventions as (
    select * from {{ ref('int_sign_conventions') }}
),

audit_status as (
    select * from {{ ref('int_cell_audit_status') }}
),

tables as (
    select * from {{ ref('int_table_units') }}
),

joined as (
    select
        cells.document_id,
        cells.source_file,
        cells.table_no,
        cells.row_no,
        cells.col_no,
        cells.line_no,
        cells.page_no,
        cells.row_label,
        cells.column_header,
        cells.raw_text,
        cells.value,
        cells.unit,
        cells.amount_sek,
        cells.table_kind,
        cells.placement,
        cells.flow,
        cells.half_ulp * tables.sek_per_unit as rounding_sek,
        coalesce(money_rows.row_measure, cells.measure) as measure,
        cells.period_key,
        cells.fiscal_year,
        cells.through_month,
        money_rows.row_class,
        case money_rows.row_class
            when 'item' then 'item'
            when 'total' then 'total'
            when 'frame' then 'frame'
            else 'of_which'
        end as row_role,
        money_rows.block_no,
        money_rows.is_own_line,
        coalesce(money_rows.is_outside_total, false) as is_outside_total,
        money_rows.section_organisation,
        money_rows.organisation,
        money_rows.row_activity_code as activity_code,
        case
            -- an operating statement's columns of revenues and of costs ('Intäkter',
            -- 'Bruttokostnad') print the net cost's parts, not the net cost
            when cells.table_kind = 'operating_statement' and money_rows.line_item = 'net_cost' and cells.flow = 'income'
                then 'revenues'
            when cells.table_kind = 'operating_statement' and money_rows.line_item = 'net_cost' and cells.flow = 'expenditure'
                then 'costs'
            else money_rows.line_item
        end as line_item,
        case when money_rows.row_class = 'part'
            then trim(regexp_replace(money_rows.row_label, '^\s*[-–−•]?\s*(varav\s+)?', '', 'i'))
        end as sub_item,
        money_rows.investment_object,
        case when money_rows.investment_object is not null
            then {{ organisation_match_key('money_rows.investment_object') }}
        end as investment_object_key,
        conventions.sign_convention,
        conventions.sign_convention_evidence,
        coalesce(audit_status.audit_status, 'unchecked') as audit_status,
        coalesce(audit_status.n_failing, 0) as n_failing_identities
    from cells
    inner join tables on tables.document_id = cells.document_id and tables.table_no = cells.table_no
    inner join money_rows
        on money_rows.document_id = cells.document_id
        and money_rows.table_no = cells.table_no
        and money_rows.row_no = cells.row_no
    left join conventions
        on conventions.document_id = cells.document_id
        and conventions.table_no = cells.table_no
        and conventions.row_no = cells.row_no
    left join audit_status
        on audit_status.document_id = cells.document_id
        and audit_status.table_no = cells.table_no
        and audit_status.row_no = cells.row_no
        and audit_status.col_no = cells.col_no
),

signed as (
    select
        *,
        case
            when amount_sek is null then null
            when measure in ('deviation', 'forecast_change') then amount_sek
            -- gross amounts are magnitudes: their printed sign only tells the table's convention
            when line_item in ('costs', 'expenditure') then abs(amount_sek)
            when line_item in ('revenues', 'income', 'tax_revenues', 'general_grants') or flow = 'income' then 0.0 - abs(amount_sek)
            when sign_convention = 'result' then 0.0 - amount_sek
            else amount_sek
        end as net_cost_sek,
        row_number() over (
            partition by
                document_id,
                case when table_kind = 'investments' then 'investments' else 'operating' end,
                organisation, activity_code, line_item, sub_item, investment_object_key,
                case when table_kind = 'investments' then flow end,
                measure, period_key
            order by
                case audit_status when 'passed' then 0 when 'unchecked' then 1 else 2 end,
                n_failing_identities,
                case row_class when 'total' then 0 when 'item' then 1 else 2 end,
                case table_kind when 'key_figures' then 1 else 0 end,
                rounding_sek nulls last,
                table_no,
                row_no,
                col_no
        ) = 1 as is_preferred
    from joined
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

across_reports as (
    -- an outcome (actual or closed accounts) is one fact whichever report prints it: among the
    -- reports' preferred rows, prefer the audit's best status, then the finer precision, then
    -- the latest report. Budgets, forecasts and plans are each report's own.
    select
        signed.*,
        case
            when not signed.is_preferred then false
            when signed.measure not in ('actual', 'closed_accounts') then true
            else row_number() over (
                partition by
                    case when signed.table_kind = 'investments' then 'investments' else 'operating' end,
                    signed.is_preferred,
                    signed.measure in ('actual', 'closed_accounts'),
                    signed.organisation, signed.activity_code, signed.line_item, signed.sub_item,
                    signed.investment_object_key,
                    case when signed.table_kind = 'investments' then signed.flow end,
                    signed.period_key
                order by
                    case signed.audit_status when 'passed' then 0 when 'unchecked' then 1 else 2 end,
                    signed.n_failing_identities,
                    signed.rounding_sek nulls last,
                    documents.period_end desc,
                    signed.document_id desc,
                    -- within one report (columns without a period): the first printed
                    signed.table_no,
                    signed.row_no,
                    signed.col_no
            ) = 1
        end as is_preferred_across_reports
    from signed
    inner join documents on documents.document_id = signed.document_id
),

final as (
    select * from across_reports
)

select * from final
