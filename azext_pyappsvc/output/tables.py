# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Table views (`-o table`); JSON output is the commands' own return value."""


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


def transform_set_runtime(result):
    return {'Name': result['name'] + (f"/{result['slot']}" if result.get('slot') else ''),
            'Previous': result['previous'] or '-', 'Current': result['current'],
            'Changed': 'yes' if result['changed'] else 'no', 'Support': result['support'],
            'EndOfLife': result['endOfLife'] or '-'}


def transform_set_build(result):
    return [{'Setting': key, 'Value': '(not set)' if value is None else value}
            for key, value in (result.get('buildSettings') or {}).items()]


def transform_set_startup(result):
    dry_run = result['dryRun'] and result['changed']
    return {'Name': result['name'] + (f"/{result['slot']}" if result.get('slot') else ''),
            'Previous': result['previous'] or '(auto-detect)', 'Current': result['current'] or '(auto-detect)',
            'Written': 'yes' if result['written'] else 'no (dry run)' if dry_run else 'no'}


def transform_show_startup(result):
    return {'Origin': result['origin'], 'Module': result['module'] or '-', 'Command': result['command'] or '-'}


def transform_doctor(result):
    """One row per finding, for one target or several (`--report` returns nothing: no rows)."""
    if result is None:
        return []
    rows = []
    for target in result if isinstance(result, list) else [result]:
        where = target.get('target') or {}
        name = (where.get('name', '') + (f"/{where['slot']}" if where.get('slot') else '')) or target.get('source')
        for finding in target.get('findings') or []:
            rows.append({'Target': name, 'Severity': finding['severity'], 'Code': finding['code'],
                         'Title': finding['title'], 'Fix': finding['fix'] or ''})
    return rows
