// nhiscan's Vectorscan (Hyperscan) binding: compile a block-mode database from (pattern, flags,
// id) triples, serialize and deserialize it, and scan a string or bytes into sorted (id, end)
// pairs. Plain N-API (node_api.h), so one build serves every Node version.
//
// Threads: a database object belongs to the JS thread (main or worker) that made it, and owns
// its scratch space, so worker threads each load their own copy and never share scratch.
#define NAPI_VERSION 8
#include <node_api.h>
#include <hs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// A JS string is scanned one byte per UTF-16 code unit, so that match offsets are string
// offsets: characters up to U+00FF are themselves (Latin-1), every other code unit is this
// byte, which equals no ASCII keyword character.
#define WIDE_BYTE 0x80

typedef struct {
  hs_database_t *db;
  hs_scratch_t *scratch;
  uint16_t *text; // reused buffer for strings, narrowed in place
  size_t text_capacity; // in code units
} Database;

// Per-scan state of the match callback: matches as (end << 32 | id) keys.
typedef struct {
  uint64_t *out;
  size_t count;
  size_t capacity;
  int failed;
} ScanState;

#define CHECK(env, call)                                            \
  do {                                                              \
    if ((call) != napi_ok) {                                        \
      const napi_extended_error_info *info_ = NULL;                 \
      napi_get_last_error_info((env), &info_);                      \
      napi_throw_error((env), NULL,                                 \
                       info_ && info_->error_message                \
                           ? info_->error_message                   \
                           : "vectorscan: N-API call failed");      \
      return NULL;                                                  \
    }                                                               \
  } while (0)

static napi_value throw_error(napi_env env, const char *code, const char *message) {
  napi_throw_error(env, code, message);
  return NULL;
}

static const char *hs_error_text(hs_error_t err) {
  switch (err) {
    case HS_INVALID: return "invalid or corrupt database";
    case HS_NOMEM: return "out of memory";
    case HS_SCAN_TERMINATED: return "scan terminated";
    case HS_COMPILER_ERROR: return "compiler error";
    case HS_DB_VERSION_ERROR: return "database was built by a different Vectorscan version";
    case HS_DB_PLATFORM_ERROR: return "database was built for a different platform";
    case HS_DB_MODE_ERROR: return "database is not a block-mode database";
    case HS_BAD_ALIGN: return "bad alignment";
    case HS_BAD_ALLOC: return "allocator returned misaligned memory";
    case HS_SCRATCH_IN_USE: return "scratch space in use";
    case HS_ARCH_ERROR: return "this CPU is not supported by Vectorscan";
    case HS_INSUFFICIENT_SPACE: return "insufficient space";
    default: return "unknown Vectorscan error";
  }
}

static void finalize_database(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  Database *d = (Database *)data;
  if (d == NULL) return;
  if (d->scratch != NULL) hs_free_scratch(d->scratch);
  if (d->db != NULL) hs_free_database(d->db);
  free(d->text);
  free(d);
}

// Wraps a database with fresh scratch space in a JS external; frees the database on failure.
static napi_value wrap_database(napi_env env, hs_database_t *db) {
  Database *d = (Database *)calloc(1, sizeof(Database));
  if (d == NULL) {
    hs_free_database(db);
    return throw_error(env, "ERR_VECTORSCAN_NOMEM", "vectorscan: out of memory");
  }
  d->db = db;
  hs_error_t err = hs_alloc_scratch(db, &d->scratch);
  if (err != HS_SUCCESS) {
    finalize_database(env, d, NULL);
    char message[160];
    snprintf(message, sizeof message, "vectorscan: cannot allocate scratch space: %s", hs_error_text(err));
    return throw_error(env, "ERR_VECTORSCAN_SCRATCH", message);
  }
  napi_value external;
  if (napi_create_external(env, d, finalize_database, NULL, &external) != napi_ok) {
    finalize_database(env, d, NULL);
    return throw_error(env, NULL, "vectorscan: cannot create database object");
  }
  return external;
}

static Database *unwrap_database(napi_env env, napi_value value) {
  napi_valuetype type;
  void *data = NULL;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_external ||
      napi_get_value_external(env, value, &data) != napi_ok || data == NULL) {
    napi_throw_type_error(env, NULL, "vectorscan: expected a database");
    return NULL;
  }
  return (Database *)data;
}

static int get_bytes(napi_env env, napi_value value, void **data, size_t *length) {
  bool is_typed = false;
  napi_is_typedarray(env, value, &is_typed);
  if (is_typed) {
    napi_typedarray_type type;
    size_t count, offset;
    napi_value buffer;
    if (napi_get_typedarray_info(env, value, &type, &count, data, &buffer, &offset) != napi_ok) return 0;
    if (type != napi_uint8_array && type != napi_int8_array && type != napi_uint8_clamped_array) return 0;
    *length = count;
    return 1;
  }
  return 0;
}

// compile(patterns: string[], flags: number[], ids: number[]) -> database
// A pattern Vectorscan rejects throws an Error whose `index` names it.
static napi_value compile(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 3) return throw_error(env, NULL, "vectorscan.compile(patterns, flags, ids)");
  uint32_t n = 0, nf = 0, ni = 0;
  CHECK(env, napi_get_array_length(env, argv[0], &n));
  CHECK(env, napi_get_array_length(env, argv[1], &nf));
  CHECK(env, napi_get_array_length(env, argv[2], &ni));
  if (n == 0 || nf != n || ni != n) {
    return throw_error(env, NULL, "vectorscan.compile: patterns, flags and ids must be non-empty arrays of one length");
  }
  char **patterns = (char **)calloc(n, sizeof(char *));
  unsigned int *flags = (unsigned int *)calloc(n, sizeof(unsigned int));
  unsigned int *ids = (unsigned int *)calloc(n, sizeof(unsigned int));
  napi_value result = NULL;
  if (patterns == NULL || flags == NULL || ids == NULL) {
    napi_throw_error(env, NULL, "vectorscan: out of memory");
    goto done;
  }
  for (uint32_t i = 0; i < n; i++) {
    napi_value p, f, id;
    size_t length = 0;
    if (napi_get_element(env, argv[0], i, &p) != napi_ok ||
        napi_get_value_string_utf8(env, p, NULL, 0, &length) != napi_ok) {
      napi_throw_type_error(env, NULL, "vectorscan.compile: patterns must be strings");
      goto done;
    }
    patterns[i] = (char *)malloc(length + 1);
    if (patterns[i] == NULL) {
      napi_throw_error(env, NULL, "vectorscan: out of memory");
      goto done;
    }
    napi_get_value_string_utf8(env, p, patterns[i], length + 1, &length);
    if (strlen(patterns[i]) != length) {
      napi_throw_type_error(env, NULL, "vectorscan.compile: a pattern contains a NUL character");
      goto done;
    }
    if (napi_get_element(env, argv[1], i, &f) != napi_ok || napi_get_value_uint32(env, f, &flags[i]) != napi_ok ||
        napi_get_element(env, argv[2], i, &id) != napi_ok || napi_get_value_uint32(env, id, &ids[i]) != napi_ok) {
      napi_throw_type_error(env, NULL, "vectorscan.compile: flags and ids must be unsigned integers");
      goto done;
    }
  }
  hs_database_t *db = NULL;
  hs_compile_error_t *error = NULL;
  hs_error_t err = hs_compile_multi((const char *const *)patterns, flags, ids, n, HS_MODE_BLOCK, NULL, &db, &error);
  if (err != HS_SUCCESS) {
    char message[512];
    int index = error != NULL ? error->expression : -1;
    const char *reason = error != NULL && error->message != NULL ? error->message : hs_error_text(err);
    if (index >= 0) snprintf(message, sizeof message, "vectorscan: pattern %d: %s", index, reason);
    else snprintf(message, sizeof message, "vectorscan: %s", reason);
    napi_value msg, exc, idx;
    napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, NULL, msg, &exc);
    napi_create_int32(env, index, &idx);
    napi_set_named_property(env, exc, "index", idx);
    napi_throw(env, exc);
    if (error != NULL) hs_free_compile_error(error);
    goto done;
  }
  result = wrap_database(env, db);
done:
  if (patterns != NULL) {
    for (uint32_t i = 0; i < n; i++) free(patterns[i]);
  }
  free(patterns);
  free(flags);
  free(ids);
  return result;
}

// serialize(database) -> Buffer
static napi_value serialize(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  Database *d = argc < 1 ? NULL : unwrap_database(env, argv[0]);
  if (d == NULL) return NULL;
  char *bytes = NULL;
  size_t length = 0;
  hs_error_t err = hs_serialize_database(d->db, &bytes, &length);
  if (err != HS_SUCCESS) return throw_error(env, "ERR_VECTORSCAN_SERIALIZE", hs_error_text(err));
  napi_value buffer;
  void *copy = NULL;
  napi_status status = napi_create_buffer_copy(env, length, bytes, &copy, &buffer);
  free(bytes);
  CHECK(env, status);
  return buffer;
}

// deserialize(bytes) -> database; bytes of another Vectorscan version or CPU, or a damaged
// header, throw (Vectorscan checks them); the bytecode itself is not checked here, so the
// caller's file keeps a checksum of it (src/engine/vectorscan-database.ts).
static napi_value deserialize(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  void *data = NULL;
  size_t length = 0;
  if (argc < 1 || !get_bytes(env, argv[0], &data, &length)) {
    return throw_error(env, NULL, "vectorscan.deserialize: expected a Uint8Array");
  }
  hs_database_t *db = NULL;
  hs_error_t err = hs_deserialize_database((const char *)data, length, &db);
  if (err != HS_SUCCESS) {
    char message[160];
    snprintf(message, sizeof message, "vectorscan: cannot load the database: %s", hs_error_text(err));
    return throw_error(env, "ERR_VECTORSCAN_DATABASE", message);
  }
  return wrap_database(env, db);
}

// info(bytes) -> string, e.g. "Version: 5.4.9 Features: AVX2 Mode: BLOCK"
static napi_value serialized_info(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  void *data = NULL;
  size_t length = 0;
  if (argc < 1 || !get_bytes(env, argv[0], &data, &length)) {
    return throw_error(env, NULL, "vectorscan.info: expected a Uint8Array");
  }
  char *text = NULL;
  hs_error_t err = hs_serialized_database_info((const char *)data, length, &text);
  if (err != HS_SUCCESS) {
    char message[160];
    snprintf(message, sizeof message, "vectorscan: not a database: %s", hs_error_text(err));
    return throw_error(env, "ERR_VECTORSCAN_DATABASE", message);
  }
  napi_value result;
  napi_status status = napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &result);
  free(text);
  CHECK(env, status);
  return result;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *context) {
  (void)from;
  (void)flags;
  ScanState *s = (ScanState *)context;
  if (s->count == s->capacity) {
    size_t capacity = s->capacity == 0 ? 256 : s->capacity * 2;
    uint64_t *out = (uint64_t *)realloc(s->out, capacity * sizeof(uint64_t));
    if (out == NULL) {
      s->failed = 1;
      return 1;
    }
    s->out = out;
    s->capacity = capacity;
  }
  s->out[s->count++] = ((uint64_t)to << 32) | id;
  return 0;
}

// A string's code units as bytes (see WIDE_BYTE), in the database's reused buffer. When the
// caller knows no code unit is above U+00FF, V8 copies the string as Latin-1 (no widening).
static int string_bytes(napi_env env, Database *d, napi_value value, bool one_byte, void **data, size_t *length) {
  size_t units = 0;
  if (napi_get_value_string_utf16(env, value, NULL, 0, &units) != napi_ok) return 0;
  if (units + 1 > d->text_capacity) {
    size_t capacity = units + 1 < 4096 ? 4096 : units + 1 + units / 2;
    uint16_t *text = (uint16_t *)realloc(d->text, capacity * sizeof(uint16_t));
    if (text == NULL) {
      napi_throw_error(env, "ERR_VECTORSCAN_NOMEM", "vectorscan: out of memory");
      return 0;
    }
    d->text = text;
    d->text_capacity = capacity;
  }
  if (one_byte) {
    if (napi_get_value_string_latin1(env, value, (char *)d->text, units + 1, &units) != napi_ok) return 0;
    *data = d->text;
    *length = units;
    return 1;
  }
  if (napi_get_value_string_utf16(env, value, (char16_t *)d->text, units + 1, &units) != napi_ok) return 0;
  // Narrowed in place: byte i is written after code unit i was read.
  unsigned char *bytes = (unsigned char *)d->text;
  for (size_t i = 0; i < units; i++) {
    uint16_t unit = d->text[i];
    bytes[i] = unit <= 0xff ? (unsigned char)unit : WIDE_BYTE;
  }
  *data = bytes;
  *length = units;
  return 1;
}

static int compare_keys(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static napi_value int32_array(napi_env env, size_t count, int32_t **data) {
  napi_value buffer, array;
  void *target = NULL;
  if (napi_create_arraybuffer(env, count * sizeof(int32_t), &target, &buffer) != napi_ok ||
      napi_create_typedarray(env, napi_int32_array, count, buffer, 0, &array) != napi_ok) {
    return NULL;
  }
  *data = (int32_t *)target;
  return array;
}

// scan(database, input, oneByte) -> [ids, ends], two Int32Arrays: every match end, sorted by
// end, then id. `input` is bytes, or a string scanned one byte per code unit (offsets are
// string offsets); `oneByte` promises that the string holds no code unit above U+00FF (a
// plain Latin-1 copy instead of UTF-16 narrowed).
static napi_value scan(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) return throw_error(env, NULL, "vectorscan.scan(database, input, oneByte)");
  Database *d = unwrap_database(env, argv[0]);
  if (d == NULL) return NULL;
  bool one_byte = false;
  if (argc >= 3) napi_get_value_bool(env, argv[2], &one_byte);
  void *data = NULL;
  size_t length = 0;
  napi_valuetype type;
  CHECK(env, napi_typeof(env, argv[1], &type));
  if (type == napi_string) {
    if (!string_bytes(env, d, argv[1], one_byte, &data, &length)) return NULL;
  } else if (!get_bytes(env, argv[1], &data, &length)) {
    return throw_error(env, NULL, "vectorscan.scan: expected a string or a Uint8Array");
  }
  if (length > INT32_MAX) return throw_error(env, NULL, "vectorscan.scan: input over 2 GiB");
  ScanState s = {0};
  // hs_scan wants a non-NULL pointer even for an empty input.
  static const char empty = 0;
  hs_error_t err = hs_scan(d->db, length == 0 ? &empty : (const char *)data, (unsigned int)length, 0, d->scratch, on_match, &s);
  if (err != HS_SUCCESS || s.failed) {
    free(s.out);
    return throw_error(env, "ERR_VECTORSCAN_SCAN", s.failed ? "vectorscan: out of memory while scanning" : hs_error_text(err));
  }
  // Vectorscan reports by end offset almost always; sort only when it did not.
  for (size_t i = 1; i < s.count; i++) {
    if (s.out[i] < s.out[i - 1]) {
      qsort(s.out, s.count, sizeof(uint64_t), compare_keys);
      break;
    }
  }
  int32_t *ids = NULL, *ends = NULL;
  napi_value result, id_array = int32_array(env, s.count, &ids), end_array = int32_array(env, s.count, &ends);
  if (id_array == NULL || end_array == NULL) {
    free(s.out);
    return throw_error(env, NULL, "vectorscan: cannot allocate the result");
  }
  for (size_t i = 0; i < s.count; i++) {
    ids[i] = (int32_t)(uint32_t)s.out[i];
    ends[i] = (int32_t)(s.out[i] >> 32);
  }
  free(s.out);
  CHECK(env, napi_create_array_with_length(env, 2, &result));
  CHECK(env, napi_set_element(env, result, 0, id_array));
  CHECK(env, napi_set_element(env, result, 1, end_array));
  return result;
}

static napi_value set_number(napi_env env, napi_value target, const char *name, uint32_t value) {
  napi_value v;
  if (napi_create_uint32(env, value, &v) != napi_ok) return NULL;
  napi_set_named_property(env, target, name, v);
  return target;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor methods[] = {
      {"compile", NULL, compile, NULL, NULL, NULL, napi_enumerable, NULL},
      {"serialize", NULL, serialize, NULL, NULL, NULL, napi_enumerable, NULL},
      {"deserialize", NULL, deserialize, NULL, NULL, NULL, napi_enumerable, NULL},
      {"info", NULL, serialized_info, NULL, NULL, NULL, napi_enumerable, NULL},
      {"scan", NULL, scan, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  CHECK(env, napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods));
  napi_value version, valid;
  // hs_version() is "5.4.9 <build date>"; the date is often empty.
  const char *full = hs_version();
  size_t length = strcspn(full, " ");
  CHECK(env, napi_create_string_utf8(env, full, length, &version));
  CHECK(env, napi_set_named_property(env, exports, "version", version));
  CHECK(env, napi_get_boolean(env, hs_valid_platform() == HS_SUCCESS, &valid));
  CHECK(env, napi_set_named_property(env, exports, "validPlatform", valid));
  napi_value wide;
  CHECK(env, napi_create_uint32(env, WIDE_BYTE, &wide));
  CHECK(env, napi_set_named_property(env, exports, "wideByte", wide));
  napi_value flags;
  CHECK(env, napi_create_object(env, &flags));
  set_number(env, flags, "CASELESS", HS_FLAG_CASELESS);
  set_number(env, flags, "DOTALL", HS_FLAG_DOTALL);
  set_number(env, flags, "MULTILINE", HS_FLAG_MULTILINE);
  set_number(env, flags, "PREFILTER", HS_FLAG_PREFILTER);
  CHECK(env, napi_set_named_property(env, exports, "flags", flags));
  return exports;
}

NAPI_MODULE_INIT() { return init(env, exports); }
