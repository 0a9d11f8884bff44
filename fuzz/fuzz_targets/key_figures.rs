#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| baspa::fuzzing::key_figures(data));
