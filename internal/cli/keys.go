package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/credscope/credscope/exchange"
	"github.com/spf13/cobra"
)

func newKeysCmd(stdio IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Manage a keystore of signing certificates",
		Long: `Manage a keystore: the directory that token, callout and idp read with
--keystore. A signing certificate called NAME, as an external credential's
SigningCertificate parameter names it, is two PEM files there:

  NAME.key  its RSA private key, PKCS#8 or PKCS#1, unencrypted, mode 0600
  NAME.crt  its X.509 certificate

token and callout sign with NAME.key; idp trusts NAME.crt. Keep the
directory private (mode 0700): credscope warns when group or others may
read it or a key.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newKeysNewCmd(stdio))
	return cmd
}

func newKeysNewCmd(stdio IO) *cobra.Command {
	var keystore, name string
	var force bool
	cmd := &cobra.Command{
		Use:   "new --keystore DIR --certificate NAME [--force]",
		Short: "Make a key pair and a self-signed certificate",
		Long: `Make a 2048-bit RSA key and a self-signed certificate for it, valid for a
year, as DIR/NAME.key (mode 0600) and DIR/NAME.crt. DIR is made, mode
0700, when it does not exist. An existing NAME.key or NAME.crt is kept
unless --force replaces it.

Salesforce makes such a certificate under Setup > Certificate and Key
Management; this one is for trying the flow locally with credscope idp, or
for an identity provider that takes the certificate you upload to it.`,
		Example: `  credscope keys new --keystore keys --certificate Acme_Billing_JWT`,
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if keystore == "" || name == "" {
				return usageErrorf("keys new needs --keystore DIR and --certificate NAME")
			}
			kp, err := exchange.GenerateKeyPair(name, time.Now())
			if err != nil {
				return &statusError{status: exitFormula, err: fmt.Errorf("generating the key: %v", err)}
			}
			ks := exchange.Keystore{Dir: keystore}
			warnings, err := ks.Save(name, kp, exchange.SaveOptions{Force: force})
			switch {
			case errors.Is(err, exchange.ErrExists):
				return usageErrorf("%v; --force replaces it", err)
			case err != nil:
				return usageErrorf("%v", err)
			}
			for _, w := range warnings {
				fmt.Fprintf(stdio.Err, "credscope: warning: %s\n", w)
			}
			k, err := ks.Load(name)
			if err != nil {
				return &statusError{status: exitFormula, err: err}
			}
			fmt.Fprintf(stdio.Out, "wrote %s and %s: %s, valid until %s\n", k.KeyFile, k.CertFile, k,
				k.Certificate.NotAfter.UTC().Format(time.DateOnly))
			return nil
		},
	}
	cmd.Flags().StringVar(&keystore, "keystore", "", "the keystore `DIR`")
	cmd.Flags().StringVar(&name, "certificate", "", "the certificate's `NAME`, as the credential's SigningCertificate names it")
	cmd.Flags().BoolVar(&force, "force", false, "replace a key and certificate of that name")
	return cmd
}
