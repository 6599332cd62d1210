"""``textfix serve``: LanguageTool's HTTP API v2 in front of textfix, so the editors' existing
LanguageTool clients (browser add-ons, LibreOffice, ``language_tool_python``) can use it.

``app.create_app`` builds the ASGI app, ``engine`` keeps the pipeline warm, ``lt_format`` turns
textfix results into LanguageTool's JSON (offsets in UTF-16 code units, see ``utf16``),
``annotated`` reads LanguageTool's ``data`` (text with markup), ``options`` reads the request's
rule and category filters, ``access`` decides who may call, ``cli`` is the command.
"""
