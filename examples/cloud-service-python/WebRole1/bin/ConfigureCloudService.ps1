# Installs Python and the role's requirements on the Cloud Service VM (the PTVS template, shortened).
$interpreter = "D:\Python35\python.exe"
& $interpreter -m pip install -r ..\requirements.txt
