#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| baspa::fuzzing::chart_in_containers(data));
