; Inno Setup 6 script: the Windows installer of Posyandu Desktop (per-machine, 64-bit).
;
; Build on Windows, after `python installer\build.py` has made dist\posyandu-desktop\:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DMyAppVersion=0.1.0 installer\windows\posyandu.iss
; -> dist\installer\posyandu-desktop-0.1.0-setup.exe
; The CI workflow .github/workflows/windows-installer.yml does exactly this (see README.md here).
;
; Indonesian: Inno Setup ships English and a set of official languages; Indonesian is one of its
; user-contributed ("Unofficial") translations, so the build fetches Indonesian.isl next to this
; script (or names it with /DIndonesianIsl=path). Without it the compiler stops with a message.
;
; The data folder is NOT the install folder. The app keeps the registry, its backups, the signing
; keys and the logs in the per-user data folder of whoever runs it:
;   %LOCALAPPDATA%\posyandu-desktop   (platformdirs user_data_path("posyandu-desktop",
;                                      appauthor=False, roaming=False); settings.data_dir)
; - Uninstall removes only what this setup installed under {app} and the shortcuts. There is
;   deliberately no [UninstallDelete] section and nothing here may ever name the data folder:
;   uninstalling must never delete a Posyandu's records.
; - Upgrade: every version uses the same AppId, so a newer setup replaces the program files in
;   place (same folder, same shortcuts) and leaves the data folder alone. On its first start the
;   new version backs the registry up and then migrates it (store/startup.py); a registry from a
;   newer version is refused with a message, never changed.

#define MyAppName "Posyandu Desktop"
#ifndef MyAppVersion
  #define MyAppVersion "0.0.0"
#endif
#define MyAppExeName "posyandu-desktop.exe"
#define BundleDir "..\..\dist\posyandu-desktop"

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible)
#endif

#ifndef IndonesianIsl
  #define IndonesianIsl AddBackslash(SourcePath) + "Indonesian.isl"
#endif
#if !FileExists(IndonesianIsl)
  #error Indonesian.isl not found: download Files/Languages/Unofficial/Indonesian.isl of jrsoftware/issrc next to this script, or pass /DIndonesianIsl=path (see README.md)
#endif
#if !FileExists(AddBackslash(SourcePath) + BundleDir + "\" + MyAppExeName)
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
; Solid LZMA2 also folds the two programs' identical Python archives into one.
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running copy would hold its files open: close it (Restart Manager) before replacing them.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
; The first entry is used when Windows' language matches neither.
Name: "id"; MessagesFile: "{#IndonesianIsl}"
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
