#!/usr/bin/env python
# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------

from setuptools import find_packages, setup

VERSION = '1.0.0b1'

CLASSIFIERS = [
    'Development Status :: 4 - Beta',
    'Intended Audience :: Developers',
    'Intended Audience :: System Administrators',
    'Programming Language :: Python',
    'Programming Language :: Python :: 3',
    'Programming Language :: Python :: 3.10',
    'Programming Language :: Python :: 3.11',
    'Programming Language :: Python :: 3.12',
    'Programming Language :: Python :: 3.13',
    'License :: OSI Approved :: MIT License',
]

# azure-cli-core and azure-mgmt-web come with the CLI: an extension's own copies would be ignored.
DEPENDENCIES = []

with open('README.md', 'r', encoding='utf-8') as f:
    README = f.read()
with open('HISTORY.rst', 'r', encoding='utf-8') as f:
    HISTORY = f.read()

setup(
    name='pyappsvc',
    version=VERSION,
    description='Configure, explain and diagnose Python apps on Azure App Service (Linux) and Azure Functions.',
    long_description=README + '\n\n' + HISTORY,
    long_description_content_type='text/markdown',
    license='MIT',
    author='pyappsvc contributors',
    url='https://github.com/pyappsvc/pyappsvc',
    classifiers=CLASSIFIERS,
    packages=find_packages(exclude=['tests', 'tests.*', 'benchmarks', 'benchmarks.*', 'examples', 'examples.*']),
    install_requires=DEPENDENCIES,
    package_data={'azext_pyappsvc': ['azext_metadata.json', 'adapters/bundled/*.json']},
)
