; Inno Setup 6 script: the Windows installer of Posyandu Desktop (per-machine, 64-bit).
;
; Build on Windows, after `python installer\build.py` has made dist\posyandu-desktop\:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DMyAppVersion=0.1.0 installer\windows\posyandu.iss
; -> dist\installer\posyandu-desktop-0.1.0-setup.exe
; The CI workflow .github/workflows/windows-installer.yml does exactly this (see README.md here).
; On Linux the slow test tests/installer/test_windows_installer.py compiles it under Wine with
; Inno Setup 6.4.1 and installs, upgrades and uninstalls it in a fresh Wine prefix.
;
; Indonesian: Inno Setup ships English and a set of official languages; Indonesian is one of its
; user-contributed ("Unofficial") translations. Indonesian.isl next to this script is that file,
; for the pinned compiler version (origin and licence: README.md here), so nothing is downloaded.
;
#define MyAppName "Posyandu Desktop"
#ifndef MyAppVersion
  #define MyAppVersion "0.0.0"
#endif
#define MyAppExeName "posyandu-desktop.exe"
; The one-folder bundle; the Linux test passes a staged copy with /DBundleDir=path.
#ifndef BundleDir
  #define BundleDir "..\..\dist\posyandu-desktop"
#endif

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible)
#endif

#if !FileExists(AddBackslash(SourcePath) + BundleDir + "\" + MyAppExeName) && !FileExists(BundleDir + "\" + MyAppExeName)
  #error dist\posyandu-desktop\posyandu-desktop.exe not found: run python installer\build.py first
#endif

[Setup]
; Never change AppId: it is how an upgrade finds the installed copy (and keeps its folder).
AppId={{9AEC3CBF-E5EE-4B72-94C8-12F572730DBF}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher={#MyAppName}
; Numbers only (X.Y.Z): the app's versions are plain release numbers.
VersionInfoVersion={#MyAppVersion}
DefaultDirName={autopf}\{#MyAppName}
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
; Per-machine: one copy in Program Files for every account on the laptop; each Windows account
; still has its own data folder.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 and later.
MinVersion=10.0.17763
OutputDir=..\..\dist\installer
OutputBaseFilename=posyandu-desktop-{#MyAppVersion}-setup
SetupIconFile=..\..\resources\icons\posyandu.ico
UninstallDisplayIcon={app}\{#MyAppExeName}
UninstallDisplayName={#MyAppName}
; Solid LZMA2 with a dictionary larger than the whole bundle: the two programs' identical
; Python archives and every repeated library are stored once (why, and the sizes measured:
; docs/DECISIONS.md, "Installer compression"). Unpacking needs about 256 MB of memory.
Compression=lzma2/ultra64
SolidCompression=yes
LZMADictionarySize=262144
LZMANumFastBytes=273
; Compressing with this dictionary needs ~2.4 GB, more than the 32-bit compiler can address.
LZMAUseSeparateProcess=yes
WizardStyle=modern
; A running copy would hold its files open: close it (Restart Manager) before replacing them.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
; The first entry is used when Windows' language matches neither.
Name: "id"; MessagesFile: "Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
; Checked by default (no "unchecked" flag): cadres start the app from the desktop.
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade first removes the previous version's library folder under {app} (never anything
; outside {app}): a module, DLL or migration script that the new version dropped must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; posyandu-desktop.exe (windowed) and posyandu-desktop-cli.exe (console, for IT) share _internal.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Run]
; runasoriginaluser: the first start (which creates the data folder) belongs to the user who
; started setup, not to the elevated administrator account.
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,{#MyAppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

; No [UninstallDelete] section, on purpose: see the note on the data folder at the top.
