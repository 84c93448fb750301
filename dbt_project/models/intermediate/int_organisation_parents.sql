-- The parent of every organisation a report names, as that report prints it (units move
-- between organisations over the years: 'Kost & Restaurang' is a Leanlink department in
-- 2020 and a VSS area later). Strongest first:
--   1. the items of a total: their parent is the organisation the total is keyed to (the
--      section's own line too);
--   2. 'varav' rows under a label-only heading that names an organisation: the heading;
--   3. the hierarchy seed, in reports of its own publisher (or of none named);
--   4. the organisation of the report section that prints the row.
with money_rows as (
    select * from {{ ref('int_money_rows') }}
),

tables as (
    select * from {{ ref('int_table_units') }}
),

hierarchy as (
    select * from {{ ref('int_organisation_tree') }}
),

documents as (
    select document_id, publisher from {{ ref('stg_raw__documents') }}
),

names as (
    select * from {{ ref('int_organisation_names') }}
),

totals as (
    select document_id, table_no, block_no, organisation as total_organisation
    from money_rows
    where row_class = 'total' and keyed_by_items and organisation is not null
),

members as (
    select document_id, organisation, section_organisation,
        {{ organisation_match_key('parent_heading') }} as heading_key, table_no, block_no, row_class
    from money_rows
    where organisation is not null
    union all
    select document_id, section_organisation, null, null, table_no, null, 'section'
    from tables
    where section_organisation is not null
),

candidates as (
    select members.document_id, members.organisation, totals.total_organisation as parent, 1 as priority
    from members
    inner join totals
        on totals.document_id = members.document_id
        and totals.table_no = members.table_no
        and totals.block_no = members.block_no
    where members.row_class = 'item'
    union all
    select members.document_id, members.organisation, names.organisation, 2
    from members
    inner join names on names.match_key = members.heading_key
    where members.row_class = 'item'
    union all
    select members.document_id, members.organisation, hierarchy.parent, 3
    from members
    inner join documents on documents.document_id = members.document_id
    inner join hierarchy
        on hierarchy.organisation = members.organisation
        and hierarchy.municipality = coalesce(documents.publisher, hierarchy.municipality)
    union all
    select document_id, organisation, section_organisation, 4
    from members
    where section_organisation is not null
),

final as (
    select
        members.document_id,
        members.organisation,
        arg_min(candidates.parent, candidates.priority) as parent_organisation,
        min(candidates.priority) as parent_source
    from (select distinct document_id, organisation from members) as members
    left join candidates
        on candidates.document_id = members.document_id
        and candidates.organisation = members.organisation
        and candidates.parent is not null
        and candidates.parent <> members.organisation
    group by members.document_id, members.organisation
)

select * from final
