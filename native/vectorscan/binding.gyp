{
  "targets": [
    {
      "target_name": "vectorscan",
      "sources": ["src/addon.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Werror=implicit-function-declaration", "<!@(node ../../scripts/build-vectorscan.js cflags)"],
      "libraries": ["<!@(node ../../scripts/build-vectorscan.js libs)"],
      "xcode_settings": {
        "OTHER_CFLAGS": ["-O2", "<!@(node ../../scripts/build-vectorscan.js cflags)"]
      }
    }
  ]
}
