; Inno Setup script: the Windows installer around PyInstaller's folder (docs/INSTALLING.md).
; Build: ISCC.exe packaging\windows\inclusion-app.iss (after PyInstaller wrote build\frozen).
#define AppVersion "0.1.0"

[Setup]
AppId={{6B0F6C1E-2B1B-4C55-9A57-1D3C2F1A0B19}
AppName=Inclusion Assistant
AppVersion={#AppVersion}
AppPublisher=Inclusion Assistant volunteers
DefaultDirName={autopf}\Inclusion Assistant
DefaultGroupName=Inclusion Assistant
OutputDir=..\..\dist
OutputBaseFilename=inclusion-app-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
UninstallDisplayIcon={app}\inclusion-app.exe

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
en.AppTitle=Inclusion Assistant
zh.AppTitle=数字办事小帮手
en.SetupTitle=Inclusion Assistant set-up
zh.SetupTitle=数字办事小帮手 设置

[Files]
Source: "..\..\build\frozen\inclusion-app\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{cm:AppTitle}"; Filename: "{app}\inclusion-app.exe"
Name: "{group}\{cm:SetupTitle}"; Filename: "{app}\inclusion-app.exe"; Parameters: "setup"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\inclusion-app.exe"

[Registry]
; `inclusion-app-cli` on the PATH for volunteers' commands (targets, outbox, kiosk...)
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
    ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
    Check: NeedsAddPath(ExpandConstant('{app}'))

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_LOCAL_MACHINE,
    'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;
