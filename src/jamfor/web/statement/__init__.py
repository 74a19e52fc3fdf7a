"""The accessibility statement (tillgänglighetsredogörelse) that DOS-lagen asks of public services.

The page ``/tillganglighet/`` is built from a YAML file the organisation
running jamfor completes (see ``tillganglighet.yaml`` here, which is both the
template and the default). Linked from every page's footer, the login page's
and the admin's too.
"""
