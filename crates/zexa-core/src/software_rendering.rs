//! Whether the web view should paint its pages with Skia's CPU rasterizer (Linux, WebKitGTK).
//!
//! WebKitGTK paints page tiles with Skia's GPU backend on OpenGL. On a machine with no GPU (a
//! virtual machine, a remote desktop, a headless session) Mesa's OpenGL is `llvmpipe`, a GPU
//! emulated on the CPU: every draw kind a page uses (a rounded border, an inset shadow, a
//! button) is a shader that llvmpipe first compiles with LLVM, then runs on the CPU. Measured
//! on the app's first screen under Xvfb (docs/footprint.md, issue 23): the web process spent
//! 3.1–3.7 s of CPU at start-up on the GPU path and 1.7–1.9 s with Skia's CPU rasterizer, and
//! its memory fell by 35 MiB. On a machine with a GPU nothing changes: WebKit's own choice stays.
//!
//! WebKitGTK offers no setting for it, only the `WEBKIT_SKIA_ENABLE_CPU_RENDERING` variable,
//! read by the web process it starts, which inherits the app's environment.

use std::path::Path;

/// The variable WebKitGTK's web process reads (WebKitGTK 2.46 and later).
pub const WEBKIT_CPU_RENDERING_ENV: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
/// Mesa's own switch to its software renderer.
const MESA_SOFTWARE_ENV: &str = "LIBGL_ALWAYS_SOFTWARE";

/// What was decided, and why (for the log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Painting {
    /// The user set `WEBKIT_SKIA_ENABLE_CPU_RENDERING` themselves: left as they set it.
    UserChoice,
    /// A GPU device is present (or could be): WebKit's GPU painting, as WebKit chooses.
    Gpu,
    /// No GPU device, or Mesa told to render in software: Skia's CPU rasterizer.
    CpuNoGpu,
}

/// The decision from what the machine shows. `env` reads a variable; `gpu_device_present` is
/// whether any GPU device node exists ([`gpu_device_present`] on a real machine).
pub fn choose(env: impl Fn(&str) -> Option<String>, gpu_device_present: bool) -> Painting {
    if env(WEBKIT_CPU_RENDERING_ENV).is_some() {
        return Painting::UserChoice;
    }
    let mesa_software = env(MESA_SOFTWARE_ENV).is_some_and(|value| is_true(&value));
    if mesa_software || !gpu_device_present {
        Painting::CpuNoGpu
    } else {
        Painting::Gpu
    }
}

/// Mesa reads `LIBGL_ALWAYS_SOFTWARE` as a boolean: `1`, `true`, `yes`, `y` (any case) turn it on.
fn is_true(value: &str) -> bool {
    matches!(value.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "y")
}

/// Whether the machine has a GPU device node: any DRM device (`/dev/dri/card*`,
/// `/dev/dri/renderD*`) or NVIDIA's own (`/dev/nvidia0`, present when its driver runs without
/// DRM). Any doubt counts as a GPU, so that only a machine that certainly has none changes path.
pub fn gpu_device_present(dev: &Path) -> bool {
    let dri = dev.join("dri");
    let has_dri_node = match std::fs::read_dir(&dri) {
        Ok(entries) => entries.flatten().any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with("card") || name.starts_with("renderD")
        }),
        // No `/dev/dri` at all is the one clear "no GPU"; anything else is doubt.
        Err(error) => error.kind() != std::io::ErrorKind::NotFound,
    };
    has_dri_node || dev.join("nvidia0").exists()
}

/// Applies the decision to this process's environment, so the web process WebKit starts later
/// inherits it. Linux only; elsewhere the system's web view paints as it does.
///
/// Call it first in `main`, before any other thread exists: changing the environment while
/// another thread reads it is undefined behaviour on glibc.
pub fn apply_before_threads() -> Painting {
    if !cfg!(target_os = "linux") {
        return Painting::Gpu;
    }
    let painting = choose(|name| std::env::var(name).ok(), gpu_device_present(Path::new("/dev")));
    if painting == Painting::CpuNoGpu {
        std::env::set_var(WEBKIT_CPU_RENDERING_ENV, "1");
    }
    painting
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string())
    }

    #[test]
    fn a_machine_without_a_gpu_device_paints_on_the_cpu() {
        assert_eq!(choose(env_of(&[]), false), Painting::CpuNoGpu);
    }

    #[test]
    fn a_machine_with_a_gpu_device_keeps_webkits_choice() {
        assert_eq!(choose(env_of(&[]), true), Painting::Gpu);
        assert_eq!(choose(env_of(&[("LIBGL_ALWAYS_SOFTWARE", "0")]), true), Painting::Gpu);
    }

    #[test]
    fn mesa_told_to_render_in_software_paints_on_the_cpu_even_with_a_gpu() {
        assert_eq!(choose(env_of(&[("LIBGL_ALWAYS_SOFTWARE", "1")]), true), Painting::CpuNoGpu);
        assert_eq!(choose(env_of(&[("LIBGL_ALWAYS_SOFTWARE", "True")]), true), Painting::CpuNoGpu);
    }

    #[test]
    fn the_users_own_setting_wins_either_way() {
        assert_eq!(choose(env_of(&[("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "0")]), false), Painting::UserChoice);
        assert_eq!(choose(env_of(&[("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")]), true), Painting::UserChoice);
    }

    #[test]
    fn gpu_devices_are_found_by_their_nodes() {
        let dev = tempfile::tempdir().unwrap();
        assert!(!gpu_device_present(dev.path()), "no /dev/dri: no GPU");
        std::fs::create_dir(dev.path().join("dri")).unwrap();
        assert!(!gpu_device_present(dev.path()), "an empty /dev/dri: no GPU");
        std::fs::write(dev.path().join("dri").join("renderD128"), "").unwrap();
        assert!(gpu_device_present(dev.path()));

        let nvidia = tempfile::tempdir().unwrap();
        std::fs::write(nvidia.path().join("nvidia0"), "").unwrap();
        assert!(gpu_device_present(nvidia.path()), "NVIDIA's driver without DRM");
    }
}
