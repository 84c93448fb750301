-- Column sums: in every value column, the item rows above a total row (back to the previous
-- total) add up to it. Of-which rows are parts of the row above and do not count, except
-- under a label-only heading, where they are that heading's items. A total with no item rows
-- in its block sums the sub-totals above it (when there are two or more). A running total adds
-- its block's items to the total before it ('Summa nya projekt', 'Reinvesteringar', 'Summa
-- investeringsbudget'): a total row is read so when, in none of its columns, the block's items
-- alone add up to it and, in at least half of them (two at least), the total before and the
-- items do. A grand total after sub-totals and loose items ('Summa fastigheter', 'Summa gator',
-- 'Inventarier och IT', 'Totalt') adds every item above it in the table: a total row is read so
-- when it is read neither as a block nor as a running sum, and in at least half of its
-- columns (two at least) all the items above add up to it.
-- Rounding: each printed number x with d decimals stands for [x - h, x + h], h = 0.5*10^-d.
-- The identity holds when the interval of the sum of the parts meets the interval of the
-- total: |total - sum| <= h_total + sum(h_parts) (interval arithmetic, XBRL Calculations 1.1).
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind in ('operating_statement', 'investments')
        and is_share is not true  -- shares do not add up
    {% if is_incremental() %}
    and document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

totals as (
    select
        document_id,
        table_no,
        row_no,
        col_no,
        lag(row_no, 1, 0) over (partition by document_id, table_no, col_no order by row_no) as previous_total_row_no
    from cells
    where row_role = 'total'
),

candidates as (
    -- the rows above each total, in the same column
    select
        totals.document_id,
        totals.table_no,
        totals.row_no as total_row_no,
        totals.col_no,
        totals.previous_total_row_no,
        parts.row_no as part_row_no,
        parts.value,
        parts.half_ulp,
        parts.raw_text,
        parts.line_no,
        parts.row_label,
        parts.row_role = 'item' or (parts.row_role = 'of_which' and parts.parent_heading is not null) as is_item,
        parts.row_no > totals.previous_total_row_no as is_in_block,
        parts.row_role = 'total' as is_subtotal
    from totals
    inner join cells as parts
        on parts.document_id = totals.document_id
        and parts.table_no = totals.table_no
        and parts.col_no = totals.col_no
        and parts.row_no < totals.row_no
),

block_parts as (
    select * from candidates where is_item and is_in_block
),

all_item_sums as (
    -- every item above a total in its table
    select document_id, table_no, total_row_no, col_no, sum(value) as items_sum, sum(half_ulp) as items_half_ulp
    from candidates
    where is_item
    group by document_id, table_no, total_row_no, col_no
    having count(*) filter (where value is null) = 0
),

previous_total_parts as (
    -- the total just before a total's block: where that total runs on, the start of its sum
    select * from candidates
    where is_subtotal and part_row_no = previous_total_row_no
),

column_readings as (
    -- each total cell with items in its block and a total before it: does it add up as a block
    -- sum, and as a running sum?
    select
        block.document_id,
        block.table_no,
        block.total_row_no,
        block.col_no,
        abs(total.value - block.block_sum) <= total.half_ulp + block.block_half_ulp as block_holds,
        abs(total.value - block.block_sum - previous.value) <= total.half_ulp + block.block_half_ulp + previous.half_ulp
            as running_holds,
        coalesce(abs(total.value - every_item.items_sum) <= total.half_ulp + every_item.items_half_ulp, false)
            as all_items_hold
    from (
        select document_id, table_no, total_row_no, col_no, sum(value) as block_sum, sum(half_ulp) as block_half_ulp
        from block_parts
        group by document_id, table_no, total_row_no, col_no
        having count(*) filter (where value is null) = 0
    ) as block
    inner join previous_total_parts as previous
        on previous.document_id = block.document_id
        and previous.table_no = block.table_no
        and previous.total_row_no = block.total_row_no
        and previous.col_no = block.col_no
    inner join cells as total
        on total.document_id = block.document_id
        and total.table_no = block.table_no
        and total.row_no = block.total_row_no
        and total.col_no = block.col_no
    left join all_item_sums as every_item
        on every_item.document_id = block.document_id
        and every_item.table_no = block.table_no
        and every_item.total_row_no = block.total_row_no
        and every_item.col_no = block.col_no
    where previous.value is not null and total.value is not null
),

total_readings as (
    -- how a total row with items in its block and a total before it is read: as a running sum
    -- (its block's items alone add up to it in none of its columns, the running sum in half of
    -- them, two at least), as the sum of every item above it (neither of those holds in any
    -- column, all the items do in half of them, two at least), or else as its block's sum
    select
        document_id,
        table_no,
        total_row_no,
        case
            when count(*) filter (where block_holds) = 0
                and count(*) filter (where running_holds) >= 2
                and 2 * count(*) filter (where running_holds) >= count(*)
                then 'running'
            when count(*) filter (where block_holds or running_holds) = 0
                and count(*) filter (where all_items_hold) >= 2
                and 2 * count(*) filter (where all_items_hold) >= count(*)
                then 'all_items'
        end as reading
    from column_readings
    group by document_id, table_no, total_row_no
),

running_total_rows as (
    select document_id, table_no, total_row_no from total_readings where reading = 'running'
),

grand_total_rows as (
    select document_id, table_no, total_row_no from total_readings where reading = 'all_items'
),

subtotal_parts as (
    -- totals without items in their block add up the sub-totals above them
    select * from candidates
    where is_subtotal and not exists (
        select 1 from block_parts
        where block_parts.document_id = candidates.document_id
            and block_parts.table_no = candidates.table_no
            and block_parts.total_row_no = candidates.total_row_no
            and block_parts.col_no = candidates.col_no
    )
),

parts as (
    select * from block_parts
    where not exists (
        select 1 from grand_total_rows
        where grand_total_rows.document_id = block_parts.document_id
            and grand_total_rows.table_no = block_parts.table_no
            and grand_total_rows.total_row_no = block_parts.total_row_no
    )
    union all
    -- a grand total: every item above it
    select candidates.*
    from candidates
    inner join grand_total_rows
        on grand_total_rows.document_id = candidates.document_id
        and grand_total_rows.table_no = candidates.table_no
        and grand_total_rows.total_row_no = candidates.total_row_no
    where candidates.is_item
    union all
    -- a running total: the total before its block, with the block's items (in a column where
    -- the block prints none, the total before it alone)
    select previous_total_parts.*
    from previous_total_parts
    inner join running_total_rows
        on running_total_rows.document_id = previous_total_parts.document_id
        and running_total_rows.table_no = previous_total_parts.table_no
        and running_total_rows.total_row_no = previous_total_parts.total_row_no
    union all
    -- a grand total adds up two or more sub-totals (a running total has its start above)
    select * from subtotal_parts
    where not exists (
        select 1 from running_total_rows
        where running_total_rows.document_id = subtotal_parts.document_id
            and running_total_rows.table_no = subtotal_parts.table_no
            and running_total_rows.total_row_no = subtotal_parts.total_row_no
    )
    qualify count(*) over (partition by document_id, table_no, total_row_no, col_no) >= 2
),

summed as (
    select
        document_id,
        table_no,
        total_row_no,
        col_no,
        count(*) as n_parts,
        count(*) filter (where value is null) as n_parts_unreadable,
        sum(value) as parts_sum,
        sum(half_ulp) as parts_half_ulp,
        string_agg(row_label || ' ' || raw_text, ' + ' order by part_row_no) as parts_text,
        list(document_id || '|' || table_no || '|' || part_row_no || '|' || col_no order by part_row_no) as part_keys
    from parts
    group by document_id, table_no, total_row_no, col_no
),

final as (
    select
        total.source_file,
        total.document_id,
        total.table_no,
        total.table_kind,
        'column_sum' as rule,
        total.row_no,
        total.col_no,
        total.line_no,
        total.row_label,
        total.column_header,
        total.raw_text as reported_text,
        total.value as reported,
        round(summed.parts_sum, 9) as expected,
        round(total.value - summed.parts_sum, 9) as difference,
        round(total.half_ulp + summed.parts_half_ulp, 9) as tolerance,
        summed.n_parts,
        summed.parts_text as detail,
        list_prepend(total.document_id || '|' || total.table_no || '|' || total.row_no || '|' || total.col_no, summed.part_keys) as cell_keys,
        -- difference = total − Σ parts: how each cell enters the difference
        list_prepend(1.0, list_transform(summed.part_keys, lambda k: -1.0)) as cell_coefs,
        summed.n_parts_unreadable = 0 and total.value is not null as evaluable
    from summed
    inner join cells as total
        on total.document_id = summed.document_id
        and total.table_no = summed.table_no
        and total.row_no = summed.total_row_no
        and total.col_no = summed.col_no
)

select * from final
