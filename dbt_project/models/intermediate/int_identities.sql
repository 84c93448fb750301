-- Every identity the reports imply, one row each: the reported value, the value the other
-- printed numbers give, the difference, the rounding tolerance, and the cells involved.
with column_sums as (
    select * exclude (n_parts), n_parts from {{ ref('int_identity_column_sums') }}
),

deviations as (
    select * from {{ ref('int_identity_deviations') }}
),

gross_net as (
    select * from {{ ref('int_identity_gross_net') }}
),

investment_net as (
    select * from {{ ref('int_identity_investment_net') }}
),

agreements as (
    select * from {{ ref('int_identity_agreements') }}
),

unioned as (
    select * from column_sums
    union all by name
    select * from deviations
    union all by name
    select * from gross_net
    union all by name
    select * from investment_net
    union all by name
    select * from agreements
),

final as (
    select
        row_number() over (order by source_file, rule, table_no, row_no, col_no, detail) as identity_id,
        source_file,
        document_id,
        table_no,
        table_kind,
        rule,
        row_no,
        col_no,
        line_no,
        row_label,
        column_header,
        reported_text,
        reported,
        expected,
        difference,
        tolerance,
        detail,
        cell_keys,
        cell_coefs,
        evaluable
    from unioned
)

select * from final
