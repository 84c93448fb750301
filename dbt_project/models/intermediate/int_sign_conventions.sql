-- The sign convention of every row of a money table: 'net_cost' (costs and deficits positive)
-- or 'result' (surpluses positive), detected per block of rows (the rows a total closes, or the
-- rows printed after it) as the audit does, from the numbers themselves. Evidence, strongest
-- first:
--   1. the deviation identity: rows whose deviation fits budget − outcome and not outcome −
--      budget are net-cost rows, and the other way round (int_identity_deviations);
--   2. the same unit's figure printed elsewhere (another table or report) by a row whose
--      deviation shows its convention: the same amount means the same convention, the same
--      amount with the opposite sign the opposite one;
--   3. the row's gross parts: net = costs − revenues (net cost) or revenues − costs (result).
-- The block takes the convention most of its rows show under the strongest evidence present;
-- a block with none takes the table's, and a table with none is net cost. Gross rows are
-- fixed: 'varav kostnader / utgifter' are costs (net-cost convention), 'varav intäkter /
-- inkomster' revenues (result convention); investment rows are net cost (expenditure positive).
with money_rows as (
    select * from {{ ref('int_money_rows') }}
),

cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind in ('operating_statement', 'key_figures', 'investments')
),

deviations as (
    select * from {{ ref('int_identity_deviations') }}
),

gross_net as (
    select * from {{ ref('int_identity_gross_net') }}
),

deviation_evidence as (
    -- gross rows have a fixed convention and show nothing about their block
    select deviations.document_id, deviations.table_no, deviations.row_no, min(deviations.convention) as convention
    from deviations
    inner join money_rows using (document_id, table_no, row_no)
    where deviations.convention_shown and money_rows.row_class <> 'gross'
    group by deviations.document_id, deviations.table_no, deviations.row_no
    having count(distinct deviations.convention) = 1
),

shown_cells as (
    select
        cells.*,
        deviation_evidence.convention,
        cells.half_ulp * (cells.amount_sek / nullif(cells.value, 0)) as tolerance_sek
    from cells
    left join deviation_evidence
        on deviation_evidence.document_id = cells.document_id
        and deviation_evidence.table_no = cells.table_no
        and deviation_evidence.row_no = cells.row_no
    where cells.amount_sek is not null and cells.value <> 0
        and cells.row_role in ('item', 'total')
        and cells.line_item = 'net_cost'
        and coalesce(cells.organisation, cells.activity_code) is not null
        and cells.measure not in ('deviation', 'forecast_change')
),

pair_votes as (
    -- a row without a shown convention and the same unit's figure with one: the same amount
    -- votes for that convention, the same amount with the opposite sign for the other
    select
        a.document_id,
        a.table_no,
        a.row_no,
        case
            when abs(a.amount_sek - b.amount_sek) <= a.tolerance_sek + b.tolerance_sek + 1e-6 then b.convention
            when abs(a.amount_sek + b.amount_sek) <= a.tolerance_sek + b.tolerance_sek + 1e-6
                then case b.convention when 'net_cost' then 'result' else 'net_cost' end
        end as vote
    from shown_cells as a
    inner join shown_cells as b
        on coalesce('org:' || a.organisation, 'activity:' || a.activity_code)
            = coalesce('org:' || b.organisation, 'activity:' || b.activity_code)
        and a.period_key = b.period_key
        and (a.measure = b.measure or (a.measure in ('actual', 'closed_accounts') and b.measure in ('actual', 'closed_accounts')))
        and not (a.document_id = b.document_id and a.table_no = b.table_no)
    where a.convention is null and b.convention is not null
        and abs(a.amount_sek) > a.tolerance_sek + b.tolerance_sek
),

agreement_evidence as (
    select
        document_id,
        table_no,
        row_no,
        case when count(*) filter (where vote = 'result') > count(*) filter (where vote = 'net_cost') then 'result' else 'net_cost' end as convention
    from pair_votes
    where vote is not null
    group by document_id, table_no, row_no
),

gross_evidence as (
    -- a row whose outcome, budget or forecast fits one way of netting its gross parts and not
    -- the other
    select document_id, table_no, row_no, min(shown) as convention
    from (
        select
            document_id,
            table_no,
            row_no,
            case
                when split_part(detail, ':', 1) in ('net_cost', 'result')
                    and round(abs(difference), 9) <= round(tolerance, 9)
                    and round(abs(reported + expected), 9) > round(tolerance, 9)
                    then split_part(detail, ':', 1)
                when split_part(detail, ':', 1) in ('net_cost', 'result')
                    and round(abs(reported + expected), 9) <= round(tolerance, 9)
                    and round(abs(difference), 9) > round(tolerance, 9)
                    then case split_part(detail, ':', 1) when 'net_cost' then 'result' else 'net_cost' end
            end as shown
        from gross_net
    ) as fits
    where shown is not null
    group by document_id, table_no, row_no
    having count(distinct shown) = 1
),

evidence as (
    select
        money_rows.*,
        deviation_evidence.convention as deviation_convention,
        agreement_evidence.convention as agreement_convention,
        gross_evidence.convention as gross_convention
    from money_rows
    left join deviation_evidence using (document_id, table_no, row_no)
    left join agreement_evidence using (document_id, table_no, row_no)
    left join gross_evidence using (document_id, table_no, row_no)
),

blocks as (
    select
        document_id,
        table_no,
        block_no,
        case
            when count(deviation_convention) > 0 then
                case when count(*) filter (where deviation_convention = 'result') > count(*) filter (where deviation_convention = 'net_cost') then 'result' else 'net_cost' end
            when count(agreement_convention) > 0 then
                case when count(*) filter (where agreement_convention = 'result') > count(*) filter (where agreement_convention = 'net_cost') then 'result' else 'net_cost' end
            when count(gross_convention) > 0 then
                case when count(*) filter (where gross_convention = 'result') > count(*) filter (where gross_convention = 'net_cost') then 'result' else 'net_cost' end
        end as block_convention,
        case
            when count(deviation_convention) > 0 then 'deviation'
            when count(agreement_convention) > 0 then 'agreement'
            when count(gross_convention) > 0 then 'gross_parts'
        end as evidence
    from evidence
    where row_class not in ('gross', 'frame')
    group by document_id, table_no, block_no
),

tables_ as (
    select
        document_id,
        table_no,
        case
            when count(block_convention) = 0 then null
            when count(*) filter (where block_convention = 'result') > count(*) filter (where block_convention = 'net_cost') then 'result'
            else 'net_cost'
        end as table_convention
    from blocks
    group by document_id, table_no
),

final as (
    select
        evidence.document_id,
        evidence.table_no,
        evidence.row_no,
        evidence.block_no,
        case
            when evidence.row_class = 'gross' and evidence.line_item in ('costs', 'expenditure') then 'net_cost'
            when evidence.row_class = 'gross' and evidence.line_item in ('revenues', 'income') then 'result'
            when evidence.table_kind = 'investments' or evidence.line_item = 'net_investment' then 'net_cost'
            else coalesce(blocks.block_convention, tables_.table_convention, 'net_cost')
        end as sign_convention,
        case
            when evidence.row_class = 'gross' then 'gross_row'
            when evidence.table_kind = 'investments' or evidence.line_item = 'net_investment' then 'investment'
            when blocks.block_convention is not null then blocks.evidence
            when tables_.table_convention is not null then 'table'
            else 'default'
        end as sign_convention_evidence
    from evidence
    left join blocks
        on blocks.document_id = evidence.document_id
        and blocks.table_no = evidence.table_no
        and blocks.block_no = evidence.block_no
    left join tables_
        on tables_.document_id = evidence.document_id
        and tables_.table_no = evidence.table_no
)

select * from final
