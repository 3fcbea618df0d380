//! The setup QR code, rendered in Rust into a PNG. Sized for phone cameras: 8 pixels a module,
//! the standard 4-module quiet zone, error correction M; always black on white, because many
//! scanners cannot read a light-on-dark code.

use base64::Engine;
use image::{ImageEncoder, Luma};
use qrcode::{Color, EcLevel, QrCode};
use zeroize::Zeroizing;
use zexa_core::secret::SecretString;

pub const PIXELS_PER_MODULE: u32 = 8;
pub const QUIET_ZONE_MODULES: u32 = 4;
const DATA_URL_PREFIX: &str = "data:image/png;base64,";

/// The picture encodes the TOTP secret: every buffer of it this module owns is wiped on drop.
#[derive(Debug)]
pub struct QrImage {
    pub png: Zeroizing<Vec<u8>>,
    /// Modules across, quiet zone included.
    pub modules: u32,
    /// Pixels across (the image is square).
    pub pixels: u32,
}

impl QrImage {
    /// As `data:image/png;base64,…`, the only form the webview gets (its CSP allows `data:`
    /// images and nothing remote). Written into one buffer of its final size. The copy that
    /// then goes to the webview (the IPC reply and the page's own string) cannot be wiped from
    /// here: it is the one the user is meant to see, shown once while the wizard is open.
    pub fn data_url(&self) -> SecretString {
        let encoded = base64::encoded_len(self.png.len(), true).unwrap_or(0);
        let mut url = String::with_capacity(DATA_URL_PREFIX.len() + encoded);
        url.push_str(DATA_URL_PREFIX);
        base64::engine::general_purpose::STANDARD.encode_string(self.png.as_slice(), &mut url);
        SecretString::new(url)
    }
}

/// Renders `text` (the `otpauth` URL) as a PNG. The pixel buffer and the module grid are wiped
/// as soon as the PNG is made. What cannot be wiped from here: the `qrcode` crate's working
/// buffers while it encodes, and the PNG encoder's filter and compression state; both are
/// freed within this call.
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
    wipe_modules(code.into_colors());
    let (width, height) = picture.dimensions();
    let raw = Zeroizing::new(picture.into_raw());
    // Room for the worst case (stored, not compressed: raw bytes, a filter byte a row and the
    // chunk headers), so the PNG never reallocates and leaves a partial copy behind.
    let capacity = raw.len() + raw.len() / 64 + height as usize + 1024;
    let mut png = Zeroizing::new(Vec::with_capacity(capacity));
    image::codecs::png::PngEncoder::new(&mut *png)
        .write_image(&raw, width, height, image::ExtendedColorType::L8)
        .map_err(|e| e.to_string())?;
    Ok(QrImage { png, modules, pixels: width })
}

/// `Color` is not `Zeroize`: each module is set to light, and `black_box` keeps the writes
/// from being dropped as dead stores before the grid is freed.
fn wipe_modules(mut colors: Vec<Color>) {
    colors.fill(Color::Light);
    std::hint::black_box(&colors);
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
        assert!(qr.data_url().expose().starts_with("data:image/png;base64,iVBOR"));
        // A typical Zexa URL needs a version 6 to 8 code: 49 to 57 modules with the quiet zone.
        assert!((49..=57).contains(&qr.modules), "{} modules", qr.modules);
    }

    /// The PNG and its data URL are wiped on drop, and the PNG was written without moving.
    #[test]
    fn the_picture_only_exists_in_wiped_buffers() {
        fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>(_: &T) {}
        let qr = render_qr(URL).unwrap();
        wiped_on_drop(&qr.png);
        let url = qr.data_url();
        wiped_on_drop(&url);
        assert_eq!(url.expose().len(), url.expose().capacity(), "the data URL was built at its final size");
        let raw_len = (qr.pixels * qr.pixels) as usize;
        assert!(qr.png.capacity() >= raw_len, "reserved up front, so the encoder never reallocated");
    }
}
