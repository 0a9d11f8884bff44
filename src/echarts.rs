//! The ECharts library, served from the site itself. `build.rs` takes it
//! from the charming crate's package (byte-identical to npm's
//! `echarts@5.5.1`), verifies its SHA-256 and places it in `OUT_DIR`; no
//! copy is committed to this repository and no reader ever fetches it from
//! a CDN.

pub const JS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/echarts.min.js"));

// `FINGERPRINT` (first 10 hex digits of the SHA-256) and `INTEGRITY` (SRI),
// computed by build.rs.
include!(concat!(env!("OUT_DIR"), "/echarts_meta.rs"));

pub const VERSION: &str = "5.5.1";

/// Shipped beside the script as `assets/echarts-LICENSE.txt`.
pub const NOTICE: &str = "Apache ECharts 5.5.1\n\
Copyright 2017-2024 The Apache Software Foundation\n\
\n\
This product includes software developed at The Apache Software Foundation\n\
(https://www.apache.org/). It is licensed under the Apache License, Version 2.0:\n\
https://www.apache.org/licenses/LICENSE-2.0\n\
\n\
The file echarts.*.js on this site is the unmodified release build of\n\
echarts 5.5.1 (SHA-256 e84270bd0cd5bdf60fefc26d00c2a391cb2e81f4d26a7a9ee16185a54773a3cf);\n\
its licence header is kept at the top of the file.\n";
