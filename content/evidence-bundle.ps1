& { function S($n){"`r`n===== FIXPATH:$n ====="}
S 'meta'; 'bundle=1'; (Get-Date).ToString('o'); "PS=$($PSVersionTable.PSVersion) LM=$($ExecutionContext.SessionState.LanguageMode) UI=$((Get-UICulture).Name)"
S 'ver'; cmd /c ver
S 'whoami-user'; cmd /c "whoami /user /fo csv /nh 2>&1"
S 'whoami-upn'; cmd /c "whoami /upn 2>&1"
S 'whoami-groups'; cmd /c "whoami /groups /fo csv /nh 2>&1"
S 'os'; Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' | Select-Object 'ProductName','EditionID','InstallationType','CurrentBuild','UBR','DisplayVersion' | Format-List
S 'producttype'; (Get-ItemProperty HKLM:\SYSTEM\CurrentControlSet\Control\ProductOptions -EA SilentlyContinue).ProductType
S 'dsregcmd'; cmd /c "dsregcmd /status 2>&1"
S 'mdm'; try { Get-ChildItem HKLM:\SOFTWARE\Microsoft\Enrollments -EA Stop | Get-ItemProperty | Select-Object 'PSChildName','ProviderID','EnrollmentState','EnrollmentType','UPN','AADTenantID' | Format-List } catch { "ERROR: $($_.Exception.Message)" }
S 'appx'; 'Microsoft.AAD.BrokerPlugin','Microsoft.Windows.CloudExperienceHost','Microsoft.AccountsControl','MSTeams','Microsoft.CompanyPortal' | % { $p = Get-AppxPackage -Name $_ -EA SilentlyContinue; if ($p) { $p | Select-Object 'Name','Version','Status','PackageFamilyName','SignatureKind' | Format-List } else { "$_ : NOT FOUND" } }
S 'office'; Get-ItemProperty HKLM:\SOFTWARE\Microsoft\Office\ClickToRun\Configuration -EA SilentlyContinue | Select-Object 'VersionToReport','CDNBaseUrl','UpdateChannel','Platform','SharedComputerLicensing' | Format-List
S 'onedrive'; Get-ItemProperty HKCU:\Software\Microsoft\OneDrive -EA SilentlyContinue | Select-Object 'Version','ClientEverSignedIn','OneAuthUnrecoverableTimestamp','SilentBusinessConfigCompleted' | Format-List
S 'onedrive-accounts'; Get-ChildItem HKCU:\Software\Microsoft\OneDrive\Accounts -EA SilentlyContinue | Get-ItemProperty | Select-Object 'PSChildName','UserEmail','ConfiguredTenantId','UserFolder','cid' | Format-List
S 'credman'; cmd /c "cmdkey /list" | Select-String -Pattern 'MicrosoftOffice|OneDrive|msteams|SSO_POP_Device|virtualapp/didlogical' -Context 0,2
S 'bitlocker'; try { (New-Object -ComObject Shell.Application).NameSpace("$env:SystemDrive\").Self.ExtendedProperty('System.Volume.BitLockerProtection') } catch { "ERROR: $($_.Exception.Message)" }
S 'aad-operational'; cmd /c "wevtutil qe Microsoft-Windows-AAD/Operational /c:30 /rd:true /f:text 2>&1"
S 'udr-admin'; wevtutil qe 'Microsoft-Windows-User Device Registration/Admin' /c:20 /rd:true /f:text
S 'end' } 2>&1 | Tee-Object -Variable fx; $fx | Out-String -Width 400 | Set-Clipboard; 'Copied to clipboard.'
