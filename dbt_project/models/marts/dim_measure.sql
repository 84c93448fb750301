with vocabulary as (
    select * from {{ ref('column_vocabulary') }}
    where kind in ('measure', 'prefix')
),

used as (
    select distinct measure from {{ ref('int_columns') }}
),

row_measures as (
    -- measures a row states itself (frame rows)
    select distinct measure from {{ ref('row_classes') }} where measure is not null
),

final as (
    select
        measures.measure as measure_key,
        case measures.measure
            when 'actual' then 'Utfall / redovisat'
            when 'budget' then 'Budget'
            when 'forecast' then 'Prognos'
            when 'deviation' then 'Avvikelse'
            when 'closed_accounts' then 'Bokslut'
            when 'plan' then 'Plan'
            when 'investment_frame' then 'Investeringsram'
            when 'budget_frame' then 'Budgetram (kommunfullmäktiges beslut)'
            when 'expenditure' then 'Utgifter'
            when 'income' then 'Inkomster'
            when 'net' then 'Netto'
            when 'target' then 'Målvärde'
            when 'forecast_change' then 'Förändring av helårsprognos sedan en tidigare rapport'
            when 'change' then 'Förändring mellan två perioder'
            when 'total' then 'Totalt över åren (t.ex. ett projekts totala utgift)'
            else measures.measure
        end as measure_name,
        measures.measure in ('deviation', 'forecast_change', 'change') as is_derived
    from (
        select value as measure from vocabulary
        union
        select measure from used where measure is not null
        union
        select measure from row_measures
    ) as measures
)

select * from final
