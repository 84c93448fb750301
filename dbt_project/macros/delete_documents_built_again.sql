{#- The pre-hook of an incremental per-document model: before this run's documents are
    inserted again, delete the rows of every document that is not kept as it was (the ones the
    last extraction loaded, and the ones no longer in raw: removed or replaced files). Nothing
    on a full build. `column`: the model's document id column (report_key in the marts). -#}
{% macro delete_documents_built_again(column='document_id') %}
{% if is_incremental() %}
delete from {{ this }}
where {{ column }} not in (
    select document_id from {{ ref('int_run_documents') }} where not is_loaded_in_run
)
{% endif %}
{% endmacro %}
