<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt ships no Indonesian qtbase translation: the few Qt texts the app shows. Compiled with
     pyside6-lrelease into qtbase_id.qm (tests/ui/test_qt_language.py checks both agree). -->
<TS version="2.1" language="id_ID">
<context><name>QPlatformTheme</name>
<message><source>OK</source><translation>OK</translation></message>
<message><source>Cancel</source><translation>Batal</translation></message>
<message><source>&amp;Yes</source><translation>&amp;Ya</translation></message>
<message><source>&amp;No</source><translation>&amp;Tidak</translation></message>
<message><source>Save</source><translation>Simpan</translation></message>
<message><source>Open</source><translation>Buka</translation></message>
<message><source>Close</source><translation>Tutup</translation></message>
<message><source>Apply</source><translation>Terapkan</translation></message>
<message><source>Discard</source><translation>Buang</translation></message>
<message><source>Help</source><translation>Bantuan</translation></message>
<message><source>Retry</source><translation>Coba lagi</translation></message>
<message><source>Ignore</source><translation>Abaikan</translation></message>
<message><source>Abort</source><translation>Batalkan</translation></message>
</context>
<context><name>QCalendarWidget</name>
<message><source>Previous Month</source><translation>Bulan sebelumnya</translation></message>
<message><source>Next Month</source><translation>Bulan berikutnya</translation></message>
</context>
<context><name>QFileDialog</name>
<message><source>Look in:</source><translation>Cari di:</translation></message>
<message><source>File name:</source><translation>Nama file:</translation></message>
<message><source>Files of type:</source><translation>Jenis file:</translation></message>
<message><source>Directory:</source><translation>Folder:</translation></message>
<message><source>&amp;Open</source><translation>&amp;Buka</translation></message>
<message><source>&amp;Save</source><translation>&amp;Simpan</translation></message>
<message><source>&amp;Choose</source><translation>&amp;Pilih</translation></message>
<message><source>Cancel</source><translation>Batal</translation></message>
<message><source>Back</source><translation>Kembali</translation></message>
<message><source>Forward</source><translation>Maju</translation></message>
<message><source>Parent Directory</source><translation>Folder di atasnya</translation></message>
<message><source>Create New Folder</source><translation>Buat folder baru</translation></message>
<message><source>New Folder</source><translation>Folder baru</translation></message>
<message><source>List View</source><translation>Daftar</translation></message>
<message><source>Detail View</source><translation>Rincian</translation></message>
<message><source>My Computer</source><translation>Komputer</translation></message>
<message><source>Computer</source><translation>Komputer</translation></message>
<message><source>All Files (*)</source><translation>Semua file (*)</translation></message>
<message><source>Open</source><translation>Buka</translation></message>
<message><source>Save As</source><translation>Simpan sebagai</translation></message>
<message><source>Find Directory</source><translation>Pilih folder</translation></message>
</context>
<context><name>QFileSystemModel</name>
<message><source>Name</source><translation>Nama</translation></message>
<message><source>Size</source><translation>Ukuran</translation></message>
<message><source>Type</source><translation>Jenis</translation></message>
<message><source>Date Modified</source><translation>Diubah</translation></message>
</context>
<context><name>QLineEdit</name>
<message><source>&amp;Undo</source><translation>&amp;Urungkan</translation></message>
<message><source>&amp;Redo</source><translation>&amp;Ulangi</translation></message>
<message><source>Cu&amp;t</source><translation>Po&amp;tong</translation></message>
<message><source>&amp;Copy</source><translation>&amp;Salin</translation></message>
<message><source>&amp;Paste</source><translation>&amp;Tempel</translation></message>
<message><source>Delete</source><translation>Hapus</translation></message>
<message><source>Select All</source><translation>Pilih semua</translation></message>
</context>
</TS>
