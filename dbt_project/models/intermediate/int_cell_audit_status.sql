-- What the audit says about each printed cell: 'suspect' when an identity covering the cell
-- fails, 'passed' when identities cover it and all hold, 'unchecked' when none covers it
-- (cells with no row here). The rule is the audit's: an identity holds when
-- |difference| <= tolerance (the rounding intervals of both sides meet).
with identities as (
    select * from {{ ref('int_identities') }}
    where evaluable
),

covered as (
    select
        unnest(cell_keys) as cell_key,
        identity_id,
        rule,
        round(abs(difference), 9) <= round(tolerance, 9) as holds
    from identities
),

final as (
    select
        split_part(cell_key, '|', 1) as document_id,
        cast(split_part(cell_key, '|', 2) as integer) as table_no,
        cast(split_part(cell_key, '|', 3) as integer) as row_no,
        cast(split_part(cell_key, '|', 4) as integer) as col_no,
        case when bool_and(holds) then 'passed' else 'suspect' end as audit_status,
        count(*) as n_identities,
        count(*) filter (where not holds) as n_failing,
        string_agg(distinct rule, ', ' order by rule) filter (where not holds) as failing_rules
    from covered
    group by cell_key
)

select * from final
