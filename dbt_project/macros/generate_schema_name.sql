{#- Use a model's custom schema as is (raw, staging, intermediate, marts, audit), not prefixed
    with the target schema: the warehouse contract fixes these names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
