-- Each table's unit, resolved: the unit printed in its caption or header, or else, for a
-- money table that prints none, the unit most used by the money tables of the same report.
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with tables as (
    select * from {{ ref('stg_raw__tables') }}
    {% if is_incremental() %}
    where document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

unit_scales as (
    select distinct unit, sek_per_unit from {{ ref('unit_scales') }}
),

money_units as (
    select
        tables.document_id,
        tables.unit,
        count(*) as n_tables
    from tables
    inner join unit_scales on tables.unit = unit_scales.unit
    where unit_scales.sek_per_unit is not null
    group by tables.document_id, tables.unit
),

dominant_money_unit as (
    -- a tie goes to the unit last in alphabetical order: the same unit in every build
    select document_id, arg_max(unit, {'n_tables': n_tables, 'unit': unit}) as unit
    from money_units
    group by document_id
),

final as (
    select
        tables.*,
        coalesce(
            tables.unit,
            case
                when tables.table_kind in ('key_figures', 'operating_statement', 'investments')
                    then dominant_money_unit.unit
            end
        ) as resolved_unit,
        tables.unit is null
            and tables.table_kind in ('key_figures', 'operating_statement', 'investments') as unit_inferred
    from tables
    left join dominant_money_unit on tables.document_id = dominant_money_unit.document_id
)

select
    final.*,
    unit_scales.sek_per_unit
from final
left join unit_scales on final.resolved_unit = unit_scales.unit
