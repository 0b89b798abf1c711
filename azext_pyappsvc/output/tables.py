# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Table views (`-o table`); JSON output is the commands' own return value."""

from ..platform.redact import MASK


def transform_show(result):
    build = result.get('buildSettings') or {}
    return {
        'Name': result['name'] + (f"/{result['slot']}" if result.get('slot') else ''),
        'Platform': result['platform'],
        'Kind': result['kind'],
        'Python': result.get('pythonVersion') or '-',
        'Startup': result.get('startupCommand') or '(auto-detect)',
        'BuildOnDeploy': build.get('SCM_DO_BUILD_DURING_DEPLOYMENT') or '-',
    }


def transform_runtimes(rows):
    return [{'Version': row['version'], 'LinuxFxVersion': row['linuxFxVersion'], 'EndOfLife': row['endOfLife'] or '-',
             'Support': row['support'], 'Preview': 'yes' if row['preview'] or row['earlyAccess'] else ''}
            for row in rows]


def _written(result):
    return 'yes' if result['written'] else 'no (dry run)' if result['dryRun'] and result['changed'] else 'no'


def transform_set_runtime(result):
    return {'Name': result['name'] + (f"/{result['slot']}" if result.get('slot') else ''),
            'Previous': result['previous'] or '-', 'Proposed': result['proposed'], 'Written': _written(result),
            'Support': result['support'], 'EndOfLife': result['endOfLife'] or '-'}


def transform_set_build(result):
    previous, proposed = result.get('previous') or {}, result.get('proposed') or {}
    return [{'Setting': key, 'Previous': '(not set)' if previous.get(key) is None else previous[key],
             'Proposed': '(not set)' if value is None else value,
             'Written': 'no (unchanged)' if _unchanged(previous.get(key), value) else _written(result)}
            for key, value in proposed.items()]


def _unchanged(previous, proposed):
    """Equal as shown; a masked value may hide a change, so it is never called unchanged."""
    return previous == proposed and proposed != MASK


def transform_set_startup(result):
    return {'Name': result['name'] + (f"/{result['slot']}" if result.get('slot') else ''),
            'Previous': result['previous'] or '(auto-detect)', 'Proposed': result['proposed'] or '(auto-detect)',
            'Written': _written(result)}


def transform_show_startup(result):
    return {'Origin': result['origin'], 'Module': result['module'] or '-', 'Command': result['command'] or '-'}


_SEVERITY_RANK = {'error': 0, 'warning': 1, 'info': 2}


def transform_doctor(result):
    """One row per finding for one target; for a fleet (a list) one row per app with its worst finding and the
    counts (PRODUCT.md, output contract). `--report` returns nothing: no rows."""
    if result is None:
        return []
    if isinstance(result, dict) and "summary" in result and "results" in result:     # a tenant-wide run
        from .fleet import app_rows
        return app_rows(result)
    if not isinstance(result, list):
        return [{'Target': _target_name(result), 'Severity': finding['severity'], 'Code': finding['code'],
                 'Title': finding['title'], 'Fix': finding['fix'] or ''} for finding in result.get('findings') or []]
    rows = []
    for target in result:
        findings = sorted(target.get('findings') or [], key=lambda f: _SEVERITY_RANK.get(f['severity'], 3))
        summary = target.get('summary') or {}
        worst = findings[0] if findings else None
        rows.append({'Target': _target_name(target), 'ResourceGroup': (target.get('target') or {}).get(
            'resourceGroup') or '', 'Errors': summary.get('error', 0), 'Warnings': summary.get('warning', 0),
            'Worst': f"{worst['code']} {worst['title']}" if worst else '-'})
    return rows


def transform_migrate(result):
    """One row per step of the plan (`--report` returns nothing: no rows)."""
    if result is None:
        return []
    return [{'Step': step['step'], 'What': step['what'], 'Command': step['command'] or step['action']}
            for step in result.get('steps') or []]


def _target_name(result):
    where = result.get('target') or {}
    return (where.get('name') or '') + (f"/{where['slot']}" if where.get('slot') else '') or \
        result.get('source') or '(listing)'
