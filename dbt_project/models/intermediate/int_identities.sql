-- Every identity the reports imply, one row each: the reported value, the value the other
-- printed numbers give, the difference, the rounding tolerance, and the cells involved.
-- Incremental: the identities of one document are built with it (see int_run_documents); the
-- comparisons across reports pair each report with its neighbours by document id, so a new
-- report can pair two others anew: those are built again in every run (about one in twenty).
{{ config(
    materialized='incremental',
    pre_hook=[
        "{{ delete_documents_built_again() }}",
        "{% if is_incremental() %}delete from {{ this }} where rule = 'cross_report'{% endif %}",
    ],
) }}
with run_documents as (
    select document_id from {{ ref('int_run_documents') }}
    {% if is_incremental() %}
    where is_loaded_in_run
    {% endif %}
),

column_sums as (
    select * exclude (n_parts), n_parts from {{ ref('int_identity_column_sums') }}
    where document_id in (select document_id from run_documents)
),

deviations as (
    select * from {{ ref('int_identity_deviations') }}
    where document_id in (select document_id from run_documents)
),

gross_net as (
    select * from {{ ref('int_identity_gross_net') }}
    where document_id in (select document_id from run_documents)
),

net_columns as (
    select * from {{ ref('int_identity_net_columns') }}
    where document_id in (select document_id from run_documents)
),

investment_net as (
    select * from {{ ref('int_identity_investment_net') }}
    where document_id in (select document_id from run_documents)
),

agreements as (
    select * from {{ ref('int_identity_agreements') }}
    where rule = 'cross_report' or document_id in (select document_id from run_documents)
),

learned_relations as (
    select * from {{ ref('int_identity_learned_relations') }}
    where document_id in (select document_id from run_documents)
),

unioned as (
    select * from column_sums
    union all by name
    select * from deviations
    union all by name
    select * from gross_net
    union all by name
    select * from net_columns
    union all by name
    select * from investment_net
    union all by name
    select * from agreements
    union all by name
    select * from learned_relations
),

tables as (
    select * from {{ ref('int_table_units') }}
),

final as (
    select
        -- what tells one identity from another (the cells last: two comparisons of one figure
        -- with two others differ only there), hashed: an identity keeps its id when other
        -- reports are added
        hash(unioned.source_file, unioned.rule, unioned.table_no, unioned.row_no, unioned.col_no, unioned.detail, unioned.cell_keys) as identity_id,
        unioned.source_file,
        unioned.document_id,
        unioned.table_no,
        unioned.table_kind,
        unioned.rule,
        unioned.row_no,
        unioned.col_no,
        unioned.line_no,
        unioned.row_label,
        unioned.column_header,
        unioned.reported_text,
        unioned.reported,
        unioned.expected,
        unioned.difference,
        unioned.tolerance,
        unioned.detail,
        unioned.cell_keys,
        unioned.cell_coefs,
        unioned.evaluable,
        -- reported, expected, difference and tolerance are in the printed unit of the reported
        -- cell; the same in SEK beside them
        tables.resolved_unit as unit,
        round(unioned.expected * tables.sek_per_unit, 6) as expected_sek,
        round(unioned.difference * tables.sek_per_unit, 6) as difference_sek
    from unioned
    left join tables on tables.document_id = unioned.document_id and tables.table_no = unioned.table_no
)

select * from final
