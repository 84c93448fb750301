-- What the audit says about each printed cell: 'suspect' when an identity covering the cell
-- failed, 'passed' when identities cover it and all hold, 'unchecked' when none covers it
-- (cells with no row here). Pass or fail is the GX suite's decision (audit.identity_findings,
-- written by the identity_audit asset); nothing is recomputed here.
with decisions as (
    select * from {{ ref('stg_audit__identity_findings') }}
),

final as (
    select
        split_part(cell_key, '|', 1) as document_id,
        cast(split_part(cell_key, '|', 2) as integer) as table_no,
        cast(split_part(cell_key, '|', 3) as integer) as row_no,
        cast(split_part(cell_key, '|', 4) as integer) as col_no,
        case when bool_and(passed) then 'passed' else 'suspect' end as audit_status,
        count(*) as n_identities,
        count(*) filter (where not passed) as n_failing,
        string_agg(distinct rule, ', ' order by rule) filter (where not passed) as failing_rules
    from decisions
    group by cell_key
)

select * from final
