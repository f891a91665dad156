"""Legacy word-processor files (.doc, .rtf, .odt) → DOCX by LibreOffice, then the DOCX reader.

LibreOffice's own import keeps what matters here and what no maintained pure-Python .doc parser
gives together: footnotes linked to their markers, automatic heading numbering, tables, and the
legacy TCVN3/VNI font runs (converted afterwards by the DOCX reader). It runs headless with a
private profile in a temporary folder, so parallel workers never share a profile lock, and under
a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from extractor.errors import InputError

CONVERTER_NAMES = ("soffice", "libreoffice")
INSTALL_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui)"
CONVERSION_SECONDS = 180


def converter() -> str | None:
    """Path of the LibreOffice binary, or None."""
    configured = os.environ.get("EXTRACTOR_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    return next((found for name in CONVERTER_NAMES if (found := shutil.which(name))), None)


def convert_to_docx(path: str, data: bytes) -> bytes:
    """The DOCX bytes LibreOffice writes for a legacy document; InputError on any failure."""
    binary = converter()
    suffix = Path(path).suffix.lower()
    if binary is None:
        raise InputError(path, f"reading {suffix} files needs LibreOffice, which was not found: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="extractor-lo-") as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(data)
        command = [binary, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", folder, str(source)]
        try:
            # its own process group: soffice starts soffice.bin, and a timeout must stop both
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       env={**os.environ, "HOME": folder}, start_new_session=True)
        except OSError as error:
            raise InputError(path, f"cannot run LibreOffice ({binary}): {error.strerror or error}") from None
        try:
            stdout, stderr = process.communicate(timeout=CONVERSION_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise InputError(path, f"LibreOffice did not convert the file within {CONVERSION_SECONDS} s") from None
        finished = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
        converted = Path(folder) / "input.docx"
        if finished.returncode != 0 or not converted.exists():
            said = (finished.stderr or finished.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = said[-1] if said else f"exit status {finished.returncode}"
            raise InputError(path, f"LibreOffice could not convert the file (corrupt or not a {suffix} document?): {reason}")
        return converted.read_bytes()
