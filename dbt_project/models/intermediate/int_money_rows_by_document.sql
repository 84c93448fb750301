-- One row per printed row of a money table (operating statement, key figures, investments):
-- what the row is (item, total, part, gross, frame), the organisation it reports on, and the
-- block of rows it belongs to. General rules, no report's labels:
--   * a frame row ('Investeringsram / Budgetram enligt beslut …', seed row_classes) is a measure
--     of its own, never an item or an organisation;
--   * 'varav kostnader / intäkter / utgifter / inkomster' (also '- Varav …') are gross parts of
--     the row above; other 'varav' rows are parts, except under a label-only heading, where they
--     are the heading's items;
--   * an item's organisation is its label matched case- and spacing-insensitively against the
--     hierarchy and alias seeds;
--   * a total is keyed to the organisation its items belong to (the parent most of its items
--     have in the hierarchy seed, in reports of the seed's own publisher), so that rolling the
--     items up gives the printed total; a total of activities, or a key figure, takes the
--     organisation of a statement total of the same report and section that prints the same
--     amounts; otherwise the section's organisation;
--   * the section organisation's own line in its table ('Kommunstyrelsen' among its staber) is
--     the organisation's own activity, keyed '<organisation> (egen verksamhet)';
--   * a unit the seeds do not know is named by its label here; int_money_rows names it as
--     first printed in any report (int_organisation_spellings), by organisation_spelling_key.
-- Incremental: per document (see int_run_documents); nothing here reads another document.
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind in ('operating_statement', 'key_figures', 'investments')
    {% if is_incremental() %}
        and document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

tables as (
    select * from {{ ref('int_table_units') }}
    {% if is_incremental() %}
    where document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

row_classes as (
    select * from {{ ref('row_classes') }}
),

line_items as (
    select * from {{ ref('line_items') }}
),

names as (
    select * from {{ ref('int_organisation_names') }}
),

hierarchy as (
    select * from {{ ref('int_organisation_tree') }}
),

documents as (
    select document_id, publisher from {{ ref('stg_raw__documents') }}
),

printed_rows as (
    select
        cells.document_id,
        cells.table_no,
        cells.row_no,
        any_value(cells.source_file) as source_file,
        any_value(cells.table_kind) as table_kind,
        any_value(cells.row_label) as row_label,
        any_value(cells.row_role) as row_role,
        any_value(cells.parent_heading) as parent_heading,
        any_value(cells.activity_code) as activity_code,
        any_value(cells.line_item) as classified_line_item,
        any_value(tables.section_organisation) as section_organisation
    from cells
    inner join tables on tables.document_id = cells.document_id and tables.table_no = cells.table_no
    group by cells.document_id, cells.table_no, cells.row_no
),

labelled as (
    select
        printed_rows.*,
        trim(regexp_replace(lower(printed_rows.row_label), '^\s*[-–−•]\s*', '')) as bare_label,
        {{ organisation_match_key('printed_rows.row_label') }} as match_key,
        {{ organisation_match_key('printed_rows.parent_heading') }} as heading_match_key
    from printed_rows
),

label_seeds as (
    -- the seeds' patterns, tried once per distinct label
    select
        labels.bare_label,
        -- the seed row_classes pattern the label matches (the shortest, when several do)
        (
            select arg_min(
                {'row_class': row_classes.row_class, 'measure': row_classes.measure, 'line_item': row_classes.line_item},
                length(row_classes.pattern)
            )
            from row_classes where regexp_matches(labels.bare_label, row_classes.pattern)
        ) as seed,
        (
            select arg_min(line_items.line_item, length(line_items.pattern))
            from line_items where regexp_matches(labels.bare_label, line_items.pattern)
        ) as seed_line_item
    from (select distinct bare_label from labelled) as labels
),

classified as (
    select
        labelled.*,
        label_seeds.seed,
        label_seeds.seed_line_item,
        label_names.organisation as label_organisation,
        -- the label as a unit's name: spellings that differ only in case, spacing or '&' (one
        -- match_key) are one organisation, named as first printed (int_organisation_spellings)
        trim(regexp_replace(regexp_replace(regexp_replace(labelled.row_label, '[*]+', '', 'g'), ',\s*nettokostnader$', '', 'i'), '\s+', ' ', 'g')) as spelling,
        heading_names.organisation as heading_organisation,
        label_parent.parent as label_seed_parent
    from labelled
    inner join label_seeds on label_seeds.bare_label is not distinct from labelled.bare_label
    left join names as label_names on label_names.match_key = labelled.match_key
    left join names as heading_names on heading_names.match_key = labelled.heading_match_key
    left join documents on documents.document_id = labelled.document_id
    -- the seed's parents hold in its own publisher's reports only
    left join hierarchy as label_parent
        on label_parent.organisation = label_names.organisation
        and label_parent.municipality = coalesce(documents.publisher, label_parent.municipality)
),

with_class as (
    select
        *,
        case
            when seed.row_class = 'frame' then 'frame'
            when seed.row_class = 'gross' then 'gross'
            when row_role = 'total' then 'total'
            when row_role = 'item' then 'item'
            when row_role = 'of_which' and parent_heading is not null then 'item'
            else 'part'
        end as row_class,
        -- rows between totals form a block; a total closes the block of the items above it
        count(*) filter (where row_role = 'total') over (
            partition by document_id, table_no order by row_no
            rows between unbounded preceding and 1 preceding
        ) as block_no,
        -- the row a part or gross row belongs to: the nearest item or total above it
        max(case when row_role in ('item', 'total') or parent_heading is not null then row_no end) over (
            partition by document_id, table_no order by row_no
            rows between unbounded preceding and 1 preceding
        ) as owner_row_no
    from classified
),

flagged as (
    select
        *,
        table_kind = 'operating_statement' and row_class = 'item' and activity_code is null
            and label_organisation = section_organisation
            and exists (
                select 1 from with_class as other
                where other.document_id = with_class.document_id and other.table_no = with_class.table_no
                    and other.block_no = with_class.block_no and other.row_class = 'total'
            ) as is_own_line
    from with_class
),

total_parents as (
    -- the organisation a total's items belong to: the parent most of them have in the seed
    select
        totals.document_id,
        totals.table_no,
        totals.row_no,
        mode(items.label_seed_parent) as items_parent
    from flagged as totals
    inner join flagged as items
        on items.document_id = totals.document_id
        and items.table_no = totals.table_no
        and items.block_no = totals.block_no
        and items.row_class = 'item'
        and not items.is_own_line
        and items.label_seed_parent is not null
    where totals.row_class = 'total'
    group by totals.document_id, totals.table_no, totals.row_no
),

first_pass as (
    select
        flagged.*,
        total_parents.items_parent,
        case
            when flagged.row_class = 'frame' then flagged.section_organisation
            when flagged.row_class = 'total' then total_parents.items_parent
            when flagged.row_class in ('part', 'gross') then null
            when flagged.is_own_line then flagged.section_organisation || ' (egen verksamhet)'
            when flagged.table_kind = 'key_figures' then null
            when flagged.activity_code is not null then null
            when flagged.table_kind = 'investments'
                then coalesce(flagged.label_organisation, flagged.heading_organisation, flagged.section_organisation)
            else coalesce(flagged.label_organisation, flagged.spelling)
        end as row_organisation,
        -- the organisation is named by the label's spelling: the same in every report
        case
            when flagged.row_class in ('frame', 'total', 'part', 'gross') or flagged.is_own_line
                or flagged.table_kind in ('key_figures', 'investments') or flagged.activity_code is not null
                or flagged.label_organisation is not null
                then null
            else flagged.match_key
        end as row_spelling_key,
        flagged.row_class = 'total' and total_parents.items_parent is not null as keyed_by_items
    from flagged
    left join total_parents
        on total_parents.document_id = flagged.document_id
        and total_parents.table_no = flagged.table_no
        and total_parents.row_no = flagged.row_no
),

agreeing as (
    -- key figures and totals of activities: the organisation of a statement total of the same
    -- report and section that prints the same amounts (either sign: conventions may differ)
    select
        a.document_id,
        a.table_no,
        a.row_no,
        -- of several, the first printed (not whichever the join gives first)
        arg_min(tb.row_organisation, [b.table_no, b.row_no]) as agreeing_organisation,
        count(*) as n_agreeing
    from cells as a
    inner join first_pass as ra
        on ra.document_id = a.document_id and ra.table_no = a.table_no and ra.row_no = a.row_no
    inner join cells as b
        on b.document_id = a.document_id
        and b.measure = a.measure
        and b.period_key = a.period_key
        and b.table_kind = 'operating_statement'
        and not (b.table_no = a.table_no and b.row_no = a.row_no)
    inner join first_pass as tb
        on tb.document_id = b.document_id and tb.table_no = b.table_no and tb.row_no = b.row_no
    where ra.row_organisation is null
        and ra.row_class in ('item', 'total')
        and (ra.row_class = 'total' or ra.table_kind = 'key_figures')
        and a.line_item = 'net_cost'
        and tb.keyed_by_items
        and tb.section_organisation = ra.section_organisation
        and a.value is not null and b.value is not null and b.value <> 0
        and abs(abs(a.amount_sek) - abs(b.amount_sek))
            <= a.half_ulp * (a.amount_sek / nullif(a.value, 0)) + b.half_ulp * (b.amount_sek / nullif(b.value, 0)) + 1e-6
    group by a.document_id, a.table_no, a.row_no
),

second_pass as (
    select
        first_pass.*,
        case
            when first_pass.row_organisation is not null then first_pass.row_organisation
            when first_pass.row_class in ('part', 'gross') then null
            when first_pass.activity_code is not null and first_pass.row_class <> 'total' then null
            else coalesce(agreeing.agreeing_organisation, first_pass.section_organisation)
        end as organisation,
        case when first_pass.row_organisation is not null then first_pass.row_spelling_key end as organisation_spelling_key
    from first_pass
    left join agreeing
        on agreeing.document_id = first_pass.document_id
        and agreeing.table_no = first_pass.table_no
        and agreeing.row_no = first_pass.row_no
),

final as (
    select
        rows_.document_id,
        rows_.source_file,
        rows_.table_no,
        rows_.row_no,
        rows_.table_kind,
        rows_.row_label,
        rows_.row_role,
        rows_.row_class,
        rows_.block_no,
        rows_.owner_row_no,
        rows_.parent_heading,
        rows_.activity_code,
        rows_.section_organisation,
        rows_.is_own_line,
        rows_.keyed_by_items,
        -- an item printed after the last total of its table is in no printed total (VSS and
        -- Leanlink below Kommunstyrelsen's sum, a shareholder contribution below the
        -- investments' sum)
        rows_.row_class = 'item' and rows_.row_no > max(case when rows_.row_class = 'total' then rows_.row_no end) over (
            partition by rows_.document_id, rows_.table_no
        ) as is_outside_total,
        rows_.seed.measure as row_measure,
        -- a key figure the seeds do not name ('Avskrivningar') is a line item of its own, keyed
        -- by its label, not a net cost of the organisation
        coalesce(
            rows_.seed.line_item,
            rows_.seed_line_item,
            case when rows_.table_kind = 'key_figures'
                then trim(regexp_replace(rows_.bare_label, '[^a-zåäö0-9]+', '_', 'g'), '_') end,
            rows_.classified_line_item
        ) as line_item,
        -- parts and gross rows report on the organisation (or activity) of the row they belong to
        case
            when rows_.row_class in ('part', 'gross') then owners.organisation
            else rows_.organisation
        end as organisation,
        case
            when rows_.row_class in ('part', 'gross') then owners.organisation_spelling_key
            else rows_.organisation_spelling_key
        end as organisation_spelling_key,
        case
            when rows_.row_class in ('part', 'gross') then owners.activity_code
            else rows_.activity_code
        end as row_activity_code,
        -- an investment table's item that is no organisation is an investment object
        case
            when rows_.table_kind = 'investments' and rows_.row_class = 'item'
                and rows_.label_organisation is null
                then regexp_replace(rows_.row_label, '^\s*[-–−•]?\s*varav\s+', '', 'i')
        end as investment_object,
        rows_.match_key as spelling_match_key,
        rows_.spelling
    from second_pass as rows_
    left join second_pass as owners
        on owners.document_id = rows_.document_id
        and owners.table_no = rows_.table_no
        and owners.row_no = rows_.owner_row_no
)

select * from final
