-- Personnel, volume and indicator cells with a statistic key: a known statistic (seed
-- statistic_aliases) or, for a row the seed does not know, its normalised label.
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind in ('personnel', 'volumes', 'indicators')
),

aliases as (
    select * from {{ ref('statistic_aliases') }}
),

tables as (
    select * from {{ ref('int_table_units') }}
),

matched as (
    select
        cells.*,
        (
            select arg_min(aliases.statistic_key, length(aliases.pattern))
            from aliases
            where regexp_matches(lower(cells.row_label), aliases.pattern)
        ) as known_statistic
    from cells
),

final as (
    select
        matched.*,
        coalesce(
            matched.known_statistic,
            trim(regexp_replace(lower(matched.row_label), '[^a-zåäö0-9%]+', '_', 'g'), '_')
        ) as statistic_key,
        tables.section_organisation
    from matched
    inner join tables
        on tables.document_id = matched.document_id and tables.table_no = matched.table_no
)

select * from final
