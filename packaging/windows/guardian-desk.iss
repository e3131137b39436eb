; Inno Setup script: a per-user installer for the frozen Windows bundle (no administrator rights).
; Built by .github/workflows/windows.yml, or by hand (docs/development.md, "Windows"):
;   iscc /DAppVersion=0.1.0 /DBundle=..\..\dist\guardian-desk packaging\windows\guardian-desk.iss
; The officer's data (database, backups, logs) lives in %LOCALAPPDATA%\GuardianDesk and is never
; removed by the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef Bundle
  #define Bundle "..\..\dist\guardian-desk"
#endif

[Setup]
AppId={{6F0C6F4B-3B0E-4C4A-9C55-0E7C2A9D5A11}
AppName=Guardian Desk
AppVersion={#AppVersion}
AppVerName=Guardian Desk {#AppVersion}
AppPublisher=Guardian Desk
AppPublisherURL=https://github.com/guardian-desk/guardian-desk
DefaultDirName={autopf}\Guardian Desk
DefaultGroupName=Guardian Desk
DisableProgramGroupPage=yes
; Office PCs give officers no administrator rights: install for this user unless asked otherwise.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
LicenseFile=..\..\LICENSE
SetupIconFile=..\..\resources\icons\guardian-desk.ico
UninstallDisplayIcon={app}\guardian-desk-gui.exe
OutputDir=..\..\dist
OutputBaseFilename=guardian-desk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Guardian Desk"; Filename: "{app}\guardian-desk-gui.exe"; AppUserModelID: "org.guardiandesk.GuardianDesk"
Name: "{group}\{cm:UninstallProgram,Guardian Desk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Guardian Desk"; Filename: "{app}\guardian-desk-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\guardian-desk-gui.exe"; Description: "{cm:LaunchProgram,Guardian Desk}"; Flags: nowait postinstall skipifsilent
