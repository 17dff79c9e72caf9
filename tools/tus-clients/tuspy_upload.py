#!/usr/bin/python3
"""Uploads one file with tuspy (Debian's python3-tuspy, module tusclient), as a Python application would,
and prints the upload's URL as JSON on success.

Usage: /usr/bin/python3 tuspy_upload.py <endpoint> <file> <apiKey> <apiSecret> [options as JSON]
  options: chunkSize (bytes per PATCH; the whole file in one when absent), checksum (true: an Upload-Checksum
           sha1 header on every PATCH, tuspy's upload_checksum), metadata (object).
Debian's package lives in /usr/lib/python3/dist-packages, which only Debian's /usr/bin/python3 reads.
"""
import base64
import json
import sys

from tusclient import client
from tusclient.exceptions import TusCommunicationError


def main():
    endpoint, path, key, secret = sys.argv[1:5]
    options = json.loads(sys.argv[5]) if len(sys.argv) > 5 else {}
    credentials = base64.b64encode(f"{key}:{secret}".encode()).decode("ascii")
    tus = client.TusClient(endpoint, headers={"Authorization": f"Basic {credentials}"})
    arguments = {
        "file_path": path,
        "metadata": options.get("metadata", {}),
        "upload_checksum": bool(options.get("checksum", False)),
    }
    if "chunkSize" in options:
        arguments["chunk_size"] = int(options["chunkSize"])
    try:
        uploader = tus.uploader(**arguments)
        uploader.upload()
    except TusCommunicationError as error:
        print(json.dumps({"error": str(error), "status": error.status_code,
                          "body": (error.response_content or b"").decode("utf-8", "replace")}), file=sys.stderr)
        return 1
    print(json.dumps({"url": uploader.url, "offset": uploader.offset}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
