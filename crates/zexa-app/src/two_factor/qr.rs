//! The setup QR code, rendered in Rust into a PNG. Sized for phone cameras: 8 pixels a module,
//! the standard 4-module quiet zone, error correction M; always black on white, because many
//! scanners cannot read a light-on-dark code.

use base64::Engine;
use image::{ImageEncoder, Luma};
use qrcode::{EcLevel, QrCode};

pub const PIXELS_PER_MODULE: u32 = 8;
pub const QUIET_ZONE_MODULES: u32 = 4;

#[derive(Debug)]
pub struct QrImage {
    pub png: Vec<u8>,
    /// Modules across, quiet zone included.
    pub modules: u32,
    /// Pixels across (the image is square).
    pub pixels: u32,
}

impl QrImage {
    /// As `data:image/png;base64,…`, the only form the webview gets (its CSP allows `data:`
    /// images and nothing remote).
    pub fn data_url(&self) -> String {
        format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(&self.png))
    }
}

impl Drop for QrImage {
    fn drop(&mut self) {
        // The picture encodes the TOTP secret.
        zeroize::Zeroize::zeroize(&mut self.png);
    }
}

pub fn render_qr(text: &str) -> Result<QrImage, String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| e.to_string())?;
    let modules = code.width() as u32 + 2 * QUIET_ZONE_MODULES;
    let picture = code
        .render::<Luma<u8>>()
        .quiet_zone(true)
        .module_dimensions(PIXELS_PER_MODULE, PIXELS_PER_MODULE)
        .dark_color(Luma([0]))
        .light_color(Luma([255]))
        .build();
    let pixels = picture.width();
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(picture.as_raw(), picture.width(), picture.height(), image::ExtendedColorType::L8)
        .map_err(|e| e.to_string())?;
    Ok(QrImage { png, modules, pixels })
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "otpauth://totp/Zexa:admin@demo.zexa.ao?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Zexa&algorithm=SHA1&digits=6&period=30";

    #[test]
    fn the_png_decodes_back_to_the_same_url() {
        let qr = render_qr(URL).unwrap();
        let picture = image::load_from_memory(&qr.png).unwrap().to_luma8();
        assert_eq!((picture.width(), qr.pixels), (qr.pixels, qr.modules * PIXELS_PER_MODULE));
        let mut prepared = rqrr::PreparedImage::prepare(picture);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, URL);
    }

    #[test]
    fn it_is_dark_on_light_with_a_quiet_zone() {
        let qr = render_qr(URL).unwrap();
        let picture = image::load_from_memory(&qr.png).unwrap().to_luma8();
        // The quiet zone is white, the finder pattern's corner black.
        let quiet = QUIET_ZONE_MODULES * PIXELS_PER_MODULE;
        assert_eq!(picture.get_pixel(quiet - 1, quiet - 1).0, [255]);
        assert_eq!(picture.get_pixel(quiet, quiet).0, [0]);
        assert!(qr.data_url().starts_with("data:image/png;base64,iVBOR"));
        // A typical Zexa URL needs a version 6 to 8 code: 49 to 57 modules with the quiet zone.
        assert!((49..=57).contains(&qr.modules), "{} modules", qr.modules);
    }
}
