//! kader's C ABI: the JSON interface ([`kader::api::call`]) for C and every
//! language with a C FFI (C#/.NET P/Invoke, Java via Panama or JNA, PHP FFI,
//! Python ctypes, Go cgo).
//!
//! Three functions, declared in `include/kader.h`:
//!
//! - [`kader_call`] takes one JSON request (NUL-terminated UTF-8) and returns
//!   one JSON response, newly allocated; `docs/json-api.md` describes every
//!   request and response;
//! - [`kader_free`] frees a response; nothing else may free it;
//! - [`kader_version`] returns kader's version as a static string.
//!
//! Whatever the input (a null pointer, bytes that are not UTF-8, text that is
//! not JSON), `kader_call` answers with a JSON object whose `"ok"` is
//! `false`; it never aborts the host process. It reads no files, looks at no
//! clock and keeps no state, so any number of threads may call it at once.

#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, CStr, CString};
use std::panic::{self, AssertUnwindSafe};

/// kader's version, NUL-terminated. `kader-c` is released with kader and
/// carries its version (a test checks that the two agree).
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The answer to a null request pointer.
const NULL_REQUEST: &CStr = cr#"{"ok":false,"op":null,"error":{"kind":"request","message":"the request is a null pointer","help":"pass a NUL-terminated UTF-8 JSON request, such as {\"op\": \"version\"}"},"warnings":[]}"#;

/// The answer when kader fails in a way `kader::api::call` could not
/// catch, or its response cannot be handed over as a C string. Neither can
/// happen; the caller still gets JSON if it does.
const INTERNAL: &CStr = cr#"{"ok":false,"op":null,"error":{"kind":"internal","message":"kader failed on this request; this is a bug, please report it with the request"},"warnings":[]}"#;

/// Answers one JSON request with one JSON response, as
/// `kader::api::call` does; `docs/json-api.md` describes every request
/// and response.
///
/// `request_utf8` is a NUL-terminated UTF-8 string such as
/// `{"op": "evaluate", "framework": "...", "evidence": {...}}`. The
/// response is a newly allocated NUL-terminated UTF-8 string holding one
/// JSON object: `{"ok": true, "op": ..., "result": ..., "warnings": [...]}`
/// or `{"ok": false, "op": ..., "error": {"kind": ..., "message": ...},
/// "warnings": [...]}`. A null `request_utf8`, bytes that are not UTF-8 and
/// text that is not JSON give `"ok": false` with `"kind": "request"`.
///
/// The caller owns the response and must free it with `kader_free`,
/// exactly once (not with `free`). The result is never null.
///
/// Thread safety: reentrant. kader keeps no state between calls, so any
/// number of threads may call this function at the same time.
///
/// # Safety
///
/// `request_utf8` must be null or point to a NUL-terminated string that
/// stays valid and unchanged for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn kader_call(request_utf8: *const c_char) -> *mut c_char {
    let response = if request_utf8.is_null() {
        CString::from(NULL_REQUEST)
    } else {
        // SAFETY: `request_utf8` is not null, and the caller guarantees it
        // points to a NUL-terminated string that outlives this call.
        let request = unsafe { CStr::from_ptr(request_utf8) };
        // A JSON response has no NUL byte (JSON escapes control
        // characters), so the fallback never happens.
        CString::new(respond(request.to_bytes())).unwrap_or_else(|_| CString::from(INTERNAL))
    };
    response.into_raw()
}

/// Frees a response returned by `kader_call`. A null pointer is
/// accepted and ignored.
///
/// # Safety
///
/// `response` must be null or a pointer returned by `kader_call` that
/// has not been freed yet; it must not be used after this call.
#[no_mangle]
pub unsafe extern "C" fn kader_free(response: *mut c_char) {
    if response.is_null() {
        return;
    }
    // SAFETY: the caller guarantees `response` came from `kader_call`, which
    // made it with `CString::into_raw`, and that it is freed only once.
    drop(unsafe { CString::from_raw(response) });
}

/// kader's version (such as `0.1.0`), a static NUL-terminated string: the
/// caller must not free or change it. The `version` operation of
/// `kader_call` reports the same version, with the version of the JSON
/// interface (`api`) beside it.
#[no_mangle]
pub extern "C" fn kader_version() -> *const c_char {
    VERSION.as_ptr().cast::<c_char>()
}

/// The response to a request's bytes: `kader::api::call` for UTF-8, a
/// request error otherwise. A panic (there should be none) becomes an
/// internal error instead of unwinding into C.
fn respond(request: &[u8]) -> String {
    panic::catch_unwind(AssertUnwindSafe(|| match std::str::from_utf8(request) {
        Ok(request) => kader::api::call(request),
        Err(error) => not_utf8(error.valid_up_to()),
    }))
    .unwrap_or_else(|_| INTERNAL.to_string_lossy().into_owned())
}

/// The response to a request that is not UTF-8: the first bad byte is at
/// `offset` (0-based).
fn not_utf8(offset: usize) -> String {
    format!(
        concat!(
            r#"{{"ok":false,"op":null,"error":{{"kind":"request","#,
            r#""message":"the request is not valid UTF-8: invalid byte at offset {}","#,
            r#""help":"send the request as UTF-8 text"}},"warnings":[]}}"#
        ),
        offset
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Calls `kader_call` with `request` (or null) and returns the response.
    fn call(request: Option<&CStr>) -> String {
        let pointer = request.map_or(std::ptr::null(), CStr::as_ptr);
        // SAFETY: `pointer` is null or a valid C string that outlives the call.
        let response = unsafe { kader_call(pointer) };
        assert!(!response.is_null());
        // SAFETY: `response` came from `kader_call` and is freed only below.
        let text = unsafe { CStr::from_ptr(response) }
            .to_str()
            .expect("the response is UTF-8")
            .to_string();
        // SAFETY: `response` came from `kader_call` and is not used again.
        unsafe { kader_free(response) };
        text
    }

    #[test]
    fn answers_as_the_json_interface_does() {
        let request = r#"{"op": "version"}"#;
        let c_request = CString::new(request).expect("no NUL in the request");
        assert_eq!(call(Some(&c_request)), kader::api::call(request));
        assert!(call(Some(c"{\"op\": \"version\"}")).contains(r#""ok":true"#));
    }

    #[test]
    fn a_null_request_is_a_request_error() {
        let response = call(None);
        assert_eq!(response.as_bytes(), NULL_REQUEST.to_bytes());
        assert!(response.starts_with(r#"{"ok":false,"op":null,"error":{"kind":"request""#));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_a_request_error() {
        let request = CString::new(b"{\"op\": \"\xff\"}".to_vec()).expect("no NUL");
        let response = call(Some(&request));
        assert!(response.starts_with(r#"{"ok":false,"op":null,"error":{"kind":"request""#));
        assert!(response.contains("invalid byte at offset 8"), "{response}");
    }

    #[test]
    fn text_that_is_not_json_is_a_request_error() {
        let response = call(Some(c"{\"op\": "));
        assert!(response.contains(r#""ok":false"#), "{response}");
        assert!(response.contains(r#""kind":"request""#), "{response}");
    }

    #[test]
    fn constant_responses_are_json_objects() {
        // Every response written by hand here has the shape of a response of
        // the JSON interface, with "ok" first.
        let written = [
            NULL_REQUEST.to_str().expect("UTF-8").to_string(),
            INTERNAL.to_str().expect("UTF-8").to_string(),
            not_utf8(3),
        ];
        for response in &written {
            assert!(response.starts_with(r#"{"ok":false,"op":null,"error":{"kind":""#));
            assert!(response.ends_with(r#""warnings":[]}"#));
            assert_eq!(response.matches('{').count(), response.matches('}').count());
        }
    }

    #[test]
    fn freeing_null_is_fine() {
        // SAFETY: null is explicitly allowed.
        unsafe { kader_free(std::ptr::null_mut()) };
    }

    #[test]
    fn the_version_is_static_and_matches_kader() {
        // SAFETY: `kader_version` returns a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(kader_version()) };
        let version = version.to_str().expect("the version is UTF-8");
        assert_eq!(version, env!("CARGO_PKG_VERSION"));
        let response = kader::api::call(r#"{"op": "version"}"#);
        assert!(
            response.contains(&format!(r#""version":"{version}""#)),
            "{response}"
        );
    }
}
